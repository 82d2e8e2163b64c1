using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.TestSupport;

/// <summary>The keyed running-count job the recovery tests run: words → KeyBy(word) → RunningCount → sink.</summary>
public static class CountingJob
{
    public const int Keys = 7;

    public static string Word(int partition, long offset) => Word(partition, offset, Keys);

    public static string Word(int partition, long offset, int keys) => "k" + (((partition * 31) + offset) % keys);

    public static ReplayableSource<string> Source(int partitions, long perPartition, int recordsPerPoll = 8, TimeSpan? pollInterval = null, int keys = Keys)
        => new(partitions, perPartition, (p, o) => Word(p, o, keys)) { RecordsPerPoll = recordsPerPoll, PollInterval = pollInterval };

    public static Dictionary<string, long> ExpectedCounts(int partitions, long perPartition, int keys = Keys)
    {
        var counts = new Dictionary<string, long>();
        for (var p = 0; p < partitions; p++)
        {
            for (long o = 0; o < perPartition; o++)
            {
                var word = Word(p, o, keys);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        return counts;
    }

    /// <param name="fail">When armed by the test, the next record fails its task (the job fails over).</param>
    public static JobGraph Build(ISource<string> source, ISink<KeyCount> sink, int sourceParallelism, int countParallelism, int? sinkParallelism = null, FailSwitch? fail = null)
    {
        var job = new JobBuilder("counting");
        job.From(source, sourceParallelism).Uid("words")
            .Map(w =>
            {
                fail?.ThrowIfArmed();
                return w.Trim();
            }).Name("trim")
            .KeyBy(w => w)
            .Process(() => new RunningCount()).Uid("count").Parallelism(countParallelism)
            .To(sink, sinkParallelism).Uid("out");
        return job.Build();
    }

    public static JobExecutionOptions Options(string storagePath, CheckpointingMode mode, TimeSpan? interval, RestartStrategy? restart = null, Microsoft.Extensions.Logging.ILoggerFactory? logging = null) => new()
    {
        Storage = new FileSystemCheckpointStorage(storagePath),
        LoggerFactory = logging ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        Checkpointing = new CheckpointConfig { Mode = mode, Interval = interval, Timeout = TimeSpan.FromSeconds(20) },
        RestartStrategy = restart ?? RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5)),
        BatchSize = 16,
        ChannelCapacity = 4,
        BufferTimeout = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>Waits for the job, failing the test (not hanging it) if it does not end.</summary>
    public static async Task WaitAsync(JobExecution execution, int seconds = 60)
    {
        try
        {
            await execution.Completion.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            var stats = execution.GetCheckpointStats();
            await execution.CancelAsync();
            throw new TimeoutException($"Job did not finish in {seconds} s: status {execution.Status}, restarts {execution.RestartCount}, checkpoints completed {stats.Completed}, failed {stats.Failed}, last failure: {execution.LastFailure}");
        }
    }
}
