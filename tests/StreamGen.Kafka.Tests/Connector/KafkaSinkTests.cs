using Confluent.Kafka;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
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
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var records = Enumerable.Range(0, 300).Select(i => $"r{i}").ToList();
        job.From(ReplayableSource<string>.FromList(records, partitions: 2).Throttled(10, TimeSpan.FromMilliseconds(5)), parallelism: 2).Uid("in")
            .ToKafka(output, key: r => r, configure: o => o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce).Uid("kafka-out");
        await using var execution = ConnectorJob.Start(job, _checkpoints, intervalMs: 200);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(90));

        var committed = KafkaClients.ReadAllCommitted(kafka.BootstrapServers, output, partitions: 2);
        var uncommitted = KafkaClients.ReadAll(kafka.BootstrapServers, output, IsolationLevel.ReadUncommitted, partitions: 2);
        Assert.Equal(records.Order(), committed.Order());
        Assert.True(execution.GetCheckpointStats().Completed >= 2, "the output should span several checkpoints");

        // Every committed record is also in the log once; transaction markers are not records.
        Assert.Equal(committed.Count, uncommitted.Count);
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
