using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Kafka.Tests.Infrastructure;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>
/// The exactly-once sink keeps every record until its transaction commits and stores them in each checkpoint; these
/// tests show that this state stays bounded: by early checkpoints when an epoch grows, and by failing over when
/// checkpoints keep failing (a full disk).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaSinkStateBoundTests(KafkaFixture kafka) : IDisposable
{
    private const long MaxEpochBytes = 8 * 1024;

    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-bound-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task An_epoch_over_MaxEpochBytes_is_cut_by_an_early_checkpoint_long_before_the_interval()
    {
        var output = kafka.CreateTopic("sink-epoch-bound", partitions: 1);
        var records = Enumerable.Range(0, 3000).Select(i => $"record-{i}").ToList();
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        job.From(ReplayableSource<string>.FromList(records).Throttled(50, TimeSpan.FromMilliseconds(5))).Uid("in")
            .ToKafka(output, configure: o =>
            {
                o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce;
                o.MaxEpochBytes = MaxEpochBytes;
            }).Uid("kafka-out");

        // The interval alone would give one epoch for the whole input (the final checkpoint).
        await using var execution = JobRunner.Start(job.Build(), Options(new FileSystemCheckpointStorage(_checkpoints), TimeSpan.FromMinutes(10)));
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(90));

        var stats = execution.GetCheckpointStats();
        Assert.True(stats.Completed >= 3, $"only {stats.Completed} checkpoint(s) completed");
        Assert.All(stats.History.Where(c => c.Status == CheckpointStatus.Completed), c => Assert.InRange(c.StateSize, 0, 4 * MaxEpochBytes));
        Assert.Equal(records, KafkaClients.ReadAll(kafka.BootstrapServers, output, IsolationLevel.ReadCommitted));
    }

    [Fact]
    public async Task Records_piling_up_while_checkpoints_fail_on_a_full_disk_fail_the_job_naming_the_limit_instead_of_growing_every_checkpoint()
    {
        var output = kafka.CreateTopic("sink-uncommitted-bound", partitions: 1);
        var records = Enumerable.Range(0, 20_000).Select(i => $"record-{i}").ToList();
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        job.From(ReplayableSource<string>.FromList(records).Throttled(50, TimeSpan.FromMilliseconds(5))).Uid("in")
            .ToKafka(output, configure: o =>
            {
                o.DeliveryGuarantee = DeliveryGuarantee.ExactlyOnce;
                o.MaxEpochBytes = MaxEpochBytes;
                o.MaxUncommittedBytes = 4 * MaxEpochBytes;
            }).Uid("kafka-out");

        await using var execution = JobRunner.Start(job.Build(), Options(new DiskFullStorage(new FileSystemCheckpointStorage(_checkpoints)), TimeSpan.FromMilliseconds(100)));
        var failure = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(90)));

        var message = failure.GetBaseException().Message;
        Assert.Contains("MaxUncommittedBytes (32768)", message, StringComparison.Ordinal);
        Assert.Matches(@"holds \d+ bytes of records not yet committed", message);
        Assert.Contains(execution.GetCheckpointStats().History, c => c.FailureCause?.Contains("No space left on device", StringComparison.Ordinal) == true);

        // Nothing of the uncommitted epochs became visible.
        Assert.Empty(KafkaClients.ReadAll(kafka.BootstrapServers, output, IsolationLevel.ReadCommitted));
    }

    private static JobExecutionOptions Options(ICheckpointStorage storage, TimeSpan interval) => new()
    {
        Storage = storage,
        Checkpointing = new CheckpointConfig { Mode = CheckpointingMode.ExactlyOnce, Interval = interval, Timeout = TimeSpan.FromSeconds(30) },
        RestartStrategy = RestartStrategy.None,
        LoggerFactory = NullLoggerFactory.Instance,
    };
}
