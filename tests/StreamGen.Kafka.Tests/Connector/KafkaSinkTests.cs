using Confluent.Kafka;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.Kafka.Tests.Infrastructure;
using StreamGen.Recovery;

namespace StreamGen.Kafka.Tests.Connector;

[Collection(KafkaCollection.Name)]
public sealed class KafkaSinkTests(KafkaFixture kafka) : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-sink-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task A_transaction_timeout_shorter_than_interval_plus_checkpoint_timeout_fails_at_startup_naming_both()
    {
        var output = kafka.CreateTopic("sink-timeout", partitions: 1);
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        job.From(ReplayableSource<string>.FromList(["a", "b"])).Uid("in")
            .ToKafka(output, configure: o =>
            {
                o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce;
                o.TransactionTimeout = TimeSpan.FromSeconds(20);
            }).Uid("kafka-out");
        await using var execution = ConnectorJob.Start(job, _checkpoints, intervalMs: 100);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        var message = failure.GetBaseException().Message;
        Assert.Contains("transaction timeout (00:00:20)", message);
        Assert.Contains("checkpoint interval (00:00:00.1000000)", message);
        Assert.Contains("checkpoint timeout (00:00:30)", message);
    }

    [Fact]
    public async Task Exactly_once_output_is_visible_to_read_committed_readers_only_after_its_checkpoint_completes()
    {
        var output = kafka.CreateTopic("sink-visible", partitions: 2);
        var records = Enumerable.Range(0, 300).Select(i => $"r{i}").ToList();

        // 1. The first checkpoint gets every acknowledgement (so the sink flushed and pre-committed its epoch at the
        //    barrier), then the coordinator fails before completing it: none of that epoch may become visible.
        FaultInjector.Arm(CrashPoint.AfterAckBeforeComplete);
        try
        {
            // Slow input and a long interval: the first epoch surely holds records when its barrier comes.
            await using var failing = ConnectorJob.Start(Job(output, records, recordsPer5Ms: 1), _checkpoints, intervalMs: 500);
            await Assert.ThrowsAnyAsync<Exception>(() => failing.Completion.WaitAsync(TimeSpan.FromSeconds(90)));
            Assert.Equal(1, FaultInjector.FiredCount(CrashPoint.AfterAckBeforeComplete));
        }
        finally
        {
            FaultInjector.Reset();
        }

        var written = KafkaClients.ReadAll(kafka.BootstrapServers, output, IsolationLevel.ReadUncommitted, partitions: 2);
        Assert.NotEmpty(written); // the barrier did write the epoch to the log...
        Assert.Empty(KafkaClients.ReadAllCommitted(kafka.BootstrapServers, output, partitions: 2)); // ...uncommitted

        // 2. Without faults every record becomes visible once, committed checkpoint by checkpoint.
        await using var execution = ConnectorJob.Start(Job(output, records), _checkpoints, intervalMs: 200);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(90));

        var committed = KafkaClients.ReadAllCommitted(kafka.BootstrapServers, output, partitions: 2);
        var uncommitted = KafkaClients.ReadAll(kafka.BootstrapServers, output, IsolationLevel.ReadUncommitted, partitions: 2);
        Assert.Equal(records.Order(), committed.Order());
        Assert.True(execution.GetCheckpointStats().Completed >= 2, "the output should span several checkpoints");

        // Every committed record is in the log once besides the aborted first attempt; markers are not records.
        Assert.Equal(written.Count + committed.Count, uncommitted.Count);
    }

    [Theory]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 2, 3, 1 })]
    public async Task Pending_transactions_of_vanished_sink_subtasks_are_committed_and_their_ids_fenced_on_scale_down(int[] sinkParallelisms)
    {
        // Each run but the last dies after a checkpoint completed and before any sink subtask was told: a subtask that
        // had records in that epoch holds a pre-committed transaction only its restored state can commit. The next run
        // has another sink parallelism, so some of those states belong to subtasks that no longer exist.
        // (Whether a vanished subtask had records in that epoch depends on timing: this test does not prove that it did.)
        var broker = kafka.StartSeparateProcessBroker();
        using var ownBroker = broker as SeparateProcessKafkaBroker;
        var input = broker.CreateTopic("rescale-in", partitions: 4);
        var output = broker.CreateTopic("rescale-out", partitions: 4);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(sinkParallelisms.Length);
        using var producer = KafkaClients.Producer(broker.BootstrapServers);
        for (var run = 1; run < sinkParallelisms.Length; run++)
        {
            // A backlog that keeps the job busy over several checkpoints, so the epoch it dies after holds records.
            ProduceKeys(producer, input, random, expected, 6000);
            using var crashing = CrashJobProcess.Start(broker.BootstrapServers, input, output, _checkpoints, CheckpointingMode.ExactlyOnce,
                crashPoints: "after-complete-before-notify:3:kill", sinkParallelism: sinkParallelisms[run - 1]);
            Assert.True(crashing.WaitForExit(TimeSpan.FromSeconds(90)), "the crash point never fired: " + crashing.Output);
            Assert.NotEqual(0, crashing.ExitCode);
        }

        ProduceKeys(producer, input, random, expected, 200);
        using (var final = CrashJobProcess.Start(broker.BootstrapServers, input, output, _checkpoints, CheckpointingMode.ExactlyOnce,
                   crashPoints: null, sinkParallelism: sinkParallelisms[^1]))
        {
            var done = await KafkaCrashTests.WaitForOutputAsync(broker.BootstrapServers, output, expected, TimeSpan.FromSeconds(120));
            Assert.True(done, "not every key reached its final count. Job output:\n" + final.Output);
            final.Terminate(); // a graceful stop aborts the final job's open transaction
            Assert.True(final.WaitForExit(TimeSpan.FromSeconds(60)), "the job did not stop on SIGTERM");
        }

        // Transactions the crashed runs left open on ids of vanished subtasks would hold the last stable offset back
        // for the whole transaction timeout (60 s): they must have been fenced (aborted) at the restore.
        var seen = KafkaClients.ReadAllCommitted(broker.BootstrapServers, output, partitions: 4)
            .Select(KafkaCrashTests.Parse).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Count).Order().ToList());
        Assert.Equal(expected.Keys.Order(), seen.Keys.Order());
        foreach (var (key, n) in expected)
        {
            Assert.True(seen[key].SequenceEqual(Enumerable.Range(1, n).Select(i => (long)i)), $"{key}: expected 1..{n} once each, got [{string.Join(",", seen[key])}]");
        }
    }

    private static void ProduceKeys(IProducer<string, string> producer, string topic, Random random, Dictionary<string, int> expected, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var key = "key-" + random.Next(30).ToString(System.Globalization.CultureInfo.InvariantCulture);
            expected[key] = expected.GetValueOrDefault(key) + 1;
            producer.Produce(topic, new Message<string, string> { Key = key, Value = key });
        }

        producer.Flush(KafkaClients.OperationTimeout);
    }

    private JobBuilder Job(string output, List<string> records, int recordsPer5Ms = 10)
    {
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        job.From(ReplayableSource<string>.FromList(records, partitions: 2).Throttled(recordsPer5Ms, TimeSpan.FromMilliseconds(5)), parallelism: 2).Uid("in")
            .ToKafka(output, key: r => r, configure: o => o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce).Uid("kafka-out");
        return job;
    }

    [Fact]
    public async Task At_least_once_output_is_flushed_at_every_barrier_without_transactions()
    {
        var output = kafka.CreateTopic("sink-alo", partitions: 1);
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var records = Enumerable.Range(0, 100).Select(i => $"r{i}").ToList();
        job.From(ReplayableSource<string>.FromList(records)).Uid("in")
            .ToKafka(output, configure: o => o.DeliveryGuarantee = DeliveryGuarantee.AtLeastOnce).Uid("kafka-out");
        await using var execution = ConnectorJob.Start(job, _checkpoints);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(records, KafkaClients.ReadAllCommitted(kafka.BootstrapServers, output));
    }
}
