using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Tests.Compatibility;

/// <summary>
/// The job whose savepoint is the state-format compatibility fixture: offsets of two partitions → KeyBy(partition
/// and offset mod 3) → <see cref="FixtureAccountOperator"/> (keyed state of many types) →
/// <see cref="FixtureTallyOperator"/> (operator state) → exactly-once sink (sink state). Every key is fed by one
/// partition, so its records arrive in order and its final line does not depend on scheduling.
/// </summary>
public static class CompatibilityJob
{
    public const int Partitions = 2;
    public const long RecordsPerPartition = 400;

    public static string Key(int partition, long offset) => $"p{partition}-k{offset % 3}";

    public static ReplayableSource<(string Key, long Offset)> Source(TimeSpan? pollInterval)
        => new(Partitions, RecordsPerPartition, (p, o) => (Key(p, o), o)) { RecordsPerPoll = 2, PollInterval = pollInterval };

    public static JobGraph Build(ISource<(string Key, long Offset)> source, ISink<string> sink)
    {
        var job = new JobBuilder("compatibility");
        job.From(source, Partitions).Uid("offsets")
            .KeyBy(r => r.Key)
            .Process(() => new FixtureAccountOperator()).Uid("accounts").Parallelism(2)
            .Process(() => new FixtureTallyOperator()).Uid("tally").Parallelism(1)
            .To(sink, 1).Uid("out");
        return job.Build();
    }

    public static JobExecutionOptions Options(string storagePath, string? restoreFrom) => new()
    {
        Storage = new FileSystemCheckpointStorage(storagePath),
        Checkpointing = new CheckpointConfig { Mode = CheckpointingMode.ExactlyOnce, Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(20) },
        RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(5)),
        RestoreFromSavepoint = restoreFrom,
        BatchSize = 16,
        ChannelCapacity = 4,
        BufferTimeout = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>The last line of every key, with the tally's running total (which depends on interleaving) cut off.</summary>
    public static Dictionary<string, string> LastLinePerKey(IEnumerable<string> lines)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var withoutTotal = line[(line.IndexOf('#') + 1)..];
            last[withoutTotal[(withoutTotal.IndexOf('#') + 1)..].Split(':')[0]] = withoutTotal;
        }

        return last;
    }
}
