using System.Diagnostics;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Graph;
using StreamGen.Kafka.Client;
using StreamGen.Kafka.Tests.Infrastructure;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>
/// Broker outages against a job Kafka → Kafka (exactly-once): health follows the connection both ways without data
/// moving, librdkafka's complaints reach the job's logger rate-limited instead of stderr, and a stop while the broker
/// is down stays within the host's shutdown timeout. Each test owns its broker process, so it can take it away.
/// </summary>
[Collection(KafkaCollection.Name)]
[Trait(KafkaFixture.OwnBrokerTrait, KafkaFixture.OwnBroker)]
public sealed partial class KafkaOutageTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    /// <summary>The generic host's default shutdown timeout.</summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-outage-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = KafkaFixture.FreeLoopbackPort();
    private readonly string _input = KafkaFixture.UniqueName("outage-in");
    private readonly string _output = KafkaFixture.UniqueName("outage-out");
    private SeparateProcessKafkaBroker? _broker;

    public void Dispose()
    {
        _broker?.Dispose();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Health_follows_the_broker_connection_both_ways_on_an_idle_pipeline()
    {
        StartBroker();
        var jobName = KafkaFixture.UniqueName("health");
        await using var execution = ConnectorJob.Start(Job(jobName), _checkpoints, intervalMs: 200);
        await ProduceAndAwaitOutputAsync(execution, 10);
        Assert.Empty(Unreachable(jobName, TimeSpan.Zero));

        // An outage: the idle job's clients notice it (no record needs to fail for that)...
        StopBroker();
        await ConnectorJob.WaitUntilAsync(() => Unreachable(jobName, TimeSpan.FromSeconds(1)).Count > 0, "the clients to report the broker unreachable", execution);

        // ...and once the broker is back they report it reachable again, although no record moves.
        StartBroker();
        await ConnectorJob.WaitUntilAsync(() => Unreachable(jobName, TimeSpan.Zero).Count == 0, "every client to reach the broker again without data", execution);

        // A short blip followed by silence: the health clears by itself, it does not wait for data.
        StopBroker();
        await ConnectorJob.WaitUntilAsync(() => Unreachable(jobName, TimeSpan.Zero).Count > 0, "the clients to notice the blip", execution);
        StartBroker();
        await ConnectorJob.WaitUntilAsync(() => Unreachable(jobName, TimeSpan.Zero).Count == 0, "the health to clear after the blip without data", execution);

        Assert.Equal(0, execution.RestartCount);
    }

    [Fact]
    public async Task While_the_broker_is_down_librdkafka_reports_go_to_the_logger_rate_limited_not_to_stderr()
    {
        StartBroker();
        var logs = new CapturingLoggerFactory();
        var jobName = KafkaFixture.UniqueName("quiet");
        await using var execution = ConnectorJob.Start(Job(jobName), _checkpoints, intervalMs: 200, loggerFactory: logs);
        await ProduceAndAwaitOutputAsync(execution, 10);

        var stderr = new StringWriter();
        var originalError = Console.Error;
        Console.SetError(TextWriter.Synchronized(stderr));
        try
        {
            StopBroker();
            await ConnectorJob.WaitUntilAsync(() => Unreachable(jobName, TimeSpan.FromSeconds(3)).Count > 0, "a few seconds of outage", execution);
        }
        finally
        {
            Console.SetError(originalError);
        }

        // librdkafka retries every connection several times a second; each kind of complaint is logged once a window.
        Assert.DoesNotContain($":{_port}", stderr.ToString());
        var kafkaWarnings = logs.Entries.Where(e => e.Category.StartsWith("StreamGen.Kafka", StringComparison.Ordinal) && e.Level >= LogLevel.Warning).ToList();
        Assert.Contains(kafkaWarnings, e => e.Message.Contains("AllBrokersDown", StringComparison.Ordinal));
        var repeated = kafkaWarnings.Select(e => ErrorKind().Match(e.Message)).Where(m => m.Success)
            .GroupBy(m => (Client: m.Groups[1].Value, Code: m.Groups[2].Value)).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, "repeated within the rate-limit window: " + string.Join("; ", repeated));
        var librdkafkaLines = logs.Entries.Select(e => LogKind().Match(e.Message)).Where(m => m.Success)
            .GroupBy(m => (Client: m.Groups[1].Value, Facility: m.Groups[2].Value)).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(librdkafkaLines.Count == 0, "librdkafka lines repeated within the rate-limit window: " + string.Join("; ", librdkafkaLines));
    }

    [Fact]
    public async Task SIGTERM_while_the_broker_is_down_ends_the_job_well_within_the_host_shutdown_timeout_and_quietly()
    {
        StartBroker();
        using var job = CrashJobProcess.Start(_broker!.BootstrapServers, _input, _output, _checkpoints, CheckpointingMode.ExactlyOnce, crashPoints: null);
        using (var producer = KafkaClients.Producer(_broker.BootstrapServers))
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(_input, new Message<string, string> { Key = "k" + (i % 7), Value = "k" + (i % 7) });
            }

            producer.Flush(KafkaClients.OperationTimeout);
        }

        await WaitForOutputAsync(_broker.BootstrapServers, 100);
        StopBroker();
        await Task.Delay(TimeSpan.FromSeconds(5)); // librdkafka reconnects many times meanwhile

        var stopping = Stopwatch.StartNew();
        job.Terminate();
        var exited = job.WaitForExit(HostShutdownTimeout);
        stopping.Stop();
        log.WriteLine($"SIGTERM to exit with the broker down: {stopping.Elapsed}");

        // Generous: half the host's default shutdown timeout, while each connector's close is bounded by a few seconds.
        Assert.True(exited && stopping.Elapsed < HostShutdownTimeout / 2, $"the job took {stopping.Elapsed} to stop (bound {KafkaClientTimeouts.Close} per close). Output:\n{job.Output}");
        Assert.Equal(0, job.ExitCode);
        Assert.DoesNotContain($":{_port}", job.Output);
    }

    private JobBuilder Job(string name)
    {
        var job = new JobBuilder(name).UseKafka(new KafkaClusterOptions { BootstrapServers = _broker!.BootstrapServers });
        job.FromKafka(_input).Uid("in")
            .ToKafka(_output, configure: o => o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce).Uid("out");
        return job;
    }

    private async Task ProduceAndAwaitOutputAsync(StreamGen.Recovery.JobExecution execution, int count)
    {
        using (var producer = KafkaClients.Producer(_broker!.BootstrapServers))
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(_input, new Message<string, string> { Key = null!, Value = "r" + i });
            }

            producer.Flush(KafkaClients.OperationTimeout);
        }

        await ConnectorJob.WaitUntilAsync(() => execution.GetCheckpointStats().Completed >= 1, "a checkpoint", execution);
        await WaitForOutputAsync(_broker.BootstrapServers, count, execution);
    }

    private async Task WaitForOutputAsync(string bootstrap, int count, StreamGen.Recovery.JobExecution? execution = null)
    {
        using var consumer = KafkaClients.Consumer(bootstrap, IsolationLevel.ReadCommitted);
        consumer.Assign(new TopicPartitionOffset(_output, 0, Offset.Beginning));
        var seen = 0;
        await ConnectorJob.WaitUntilAsync(
            () =>
            {
                while (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } result)
                {
                    seen += result.IsPartitionEOF ? 0 : 1;
                }

                return seen >= count;
            },
            $"{count} committed output records",
            execution);
    }

    /// <summary>A broker process on this test's port; after a restart it has the topics again, empty.</summary>
    private void StartBroker()
    {
        _broker = new SeparateProcessKafkaBroker(_port);
        foreach (var topic in new[] { _input, _output })
        {
            try
            {
                _broker.CreateTopicNamed(topic, 1);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
            {
                // A client of the running job asked for it first and the broker created it.
            }
        }
    }

    private void StopBroker()
    {
        _broker!.Dispose();
        _broker = null;
    }

    private static List<string> Unreachable(string jobName, TimeSpan longerThan)
        => KafkaHealth.UnreachableLongerThan(longerThan).Where(c => c.StartsWith(jobName + "/", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"Kafka error in (.+?) \(librdkafka retries\): (\w+):")]
    private static partial Regex ErrorKind();

    [GeneratedRegex(@"^librdkafka (.+?) ([A-Z_]+): ")]
    private static partial Regex LogKind();
}
