using Confluent.Kafka;
using StreamGen.Checkpointing;
using StreamGen.Kafka.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>
/// The proof of the Kafka story: a job Kafka → keyed running count → Kafka, killed over and over (SIGKILL
/// at random moments and at every named crash point, the broker in its own process living on), restarted
/// each time; afterwards a read_committed consumer of the output must see, for every key, the counts
/// 1..n exactly once (ExactlyOnce) or at least once (AtLeastOnce), n being the key's true frequency.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaCrashTests(KafkaFixture kafka, ITestOutputHelper log) : IDisposable
{
    private const int Runs = 20;
    private const int RecordsPerRun = 250;

    private static readonly string[] CrashPoints =
        ["after-complete-before-notify", "mid-epoch", "after-snapshot-before-ack", "after-ack-before-complete", "during-restore"];

    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Theory]
    [InlineData(CheckpointingMode.ExactlyOnce)]
    [InlineData(CheckpointingMode.AtLeastOnce)]
    public async Task A_job_killed_twenty_times_loses_nothing_and_exactly_once_duplicates_nothing(CheckpointingMode mode)
    {
        var broker = kafka.StartSeparateProcessBroker();
        // Only the separate-process embedded broker is ours to stop; with a real broker configured the
        // fixture hands back itself, which the whole collection shares.
        using var ownBroker = broker as SeparateProcessKafkaBroker;
        var input = broker.CreateTopic("crash-in", partitions: 4);
        var output = broker.CreateTopic("crash-out", partitions: 4);
        var random = new Random(mode == CheckpointingMode.ExactlyOnce ? 11 : 12);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        using var producer = KafkaClients.Producer(broker.BootstrapServers);

        var kills = 0;
        for (var run = 0; run < Runs; run++)
        {
            // New input before every run, so each run has work in flight when it dies.
            Produce(producer, input, random, expected);

            // Even runs die at a named crash point (the process kills itself there), odd runs at a random time.
            var crash = run % 2 == 0 ? $"{CrashPoints[run / 2 % CrashPoints.Length]}:{random.Next(1, 4)}:kill" : null;
            using var job = CrashJobProcess.Start(broker.BootstrapServers, input, output, _checkpoints, mode, crash);
            if (crash is null || !job.WaitForExit(TimeSpan.FromSeconds(8)))
            {
                await Task.Delay(crash is null ? random.Next(300, 1500) : 0);
                Assert.False(job.HasExited && job.ExitCode == 0, "the job ended by itself: " + job.Output);
                job.Kill();
            }

            kills++;
            log.WriteLine($"run {run}: {(crash ?? "SIGKILL at a random time")} — killed");
        }

        // A last run without faults finishes the input.
        var total = expected.Values.Sum();
        using (var final = CrashJobProcess.Start(broker.BootstrapServers, input, output, _checkpoints, mode, crashPoints: null))
        {
            var done = await WaitForOutputAsync(broker.BootstrapServers, output, expected, TimeSpan.FromSeconds(120));
            Assert.True(done, $"not every key reached its final count ({total} records in all). Job output:\n{final.Output}");
            await Task.Delay(1000); // anything duplicated late would be visible now
        }

        Assert.True(kills >= 20);
        var seen = ReadCounts(broker.BootstrapServers, output);
        foreach (var (key, n) in expected)
        {
            var counts = seen.GetValueOrDefault(key) ?? [];
            var distinct = counts.Distinct().Order().ToList();
            var missing = Enumerable.Range(1, n).Select(i => (long)i).Except(distinct).ToList();
            Assert.True(missing.Count == 0, $"{key}: counts [{string.Join(",", missing.Take(20))}] of 1..{n} never arrived");
            if (mode == CheckpointingMode.ExactlyOnce)
            {
                // Exactly-once state and output: the counts are exactly 1..n, each once.
                Assert.True(distinct.Count == n && counts.Count == n, $"{key}: expected 1..{n} once each, got {counts.Count} results, largest {distinct[^1]}");
            }
        }

        Assert.Empty(seen.Keys.Except(expected.Keys));
    }

    private static void Produce(IProducer<string, string> producer, string topic, Random random, Dictionary<string, int> expected)
    {
        for (var i = 0; i < RecordsPerRun; i++)
        {
            var key = "key-" + random.Next(40).ToString(System.Globalization.CultureInfo.InvariantCulture);
            expected[key] = expected.GetValueOrDefault(key) + 1;
            producer.Produce(topic, new Message<string, string> { Key = key, Value = key });
        }

        producer.Flush(KafkaClients.OperationTimeout);
    }

    /// <summary>
    /// Waits until every key's largest count reached its frequency. (Counting records would not do: with
    /// at-least-once output, duplicates can make up the total before the last records are processed.)
    /// </summary>
    internal static async Task<bool> WaitForOutputAsync(string bootstrap, string topic, Dictionary<string, int> expected, TimeSpan timeout)
    {
        using var consumer = KafkaClients.Consumer(bootstrap, IsolationLevel.ReadCommitted);
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var largest = new Dictionary<string, long>(StringComparer.Ordinal);
        var complete = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false })
            {
                var (key, count) = Parse(result.Message.Value);
                var before = largest.GetValueOrDefault(key);
                if (count > before)
                {
                    largest[key] = count;
                    var target = expected.GetValueOrDefault(key);
                    if (before < target && count >= target)
                    {
                        complete++;
                    }
                }
            }

            if (complete == expected.Count)
            {
                return true;
            }

            await Task.Yield();
        }

        return false;
    }

    private static Dictionary<string, List<long>> ReadCounts(string bootstrap, string topic)
    {
        var result = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var line in KafkaClients.ReadAll(bootstrap, topic, IsolationLevel.ReadCommitted, partitions: 4))
        {
            var (key, count) = Parse(line);
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = new List<long>();
            }

            list.Add(count);
        }

        return result;
    }

    /// <summary>Splits an output record of the crash job, <c>key:count</c>.</summary>
    internal static (string Key, long Count) Parse(string line)
    {
        var colon = line.LastIndexOf(':');
        return (line[..colon], long.Parse(line.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
