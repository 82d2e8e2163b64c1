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

    public static string Word(int partition, long offset) => "k" + (((partition * 31) + offset) % Keys);

    public static ReplayableSource<string> Source(int partitions, long perPartition, int recordsPerPoll = 8, TimeSpan? pollInterval = null)
        => new(partitions, perPartition, Word) { RecordsPerPoll = recordsPerPoll, PollInterval = pollInterval };

    public static Dictionary<string, long> ExpectedCounts(int partitions, long perPartition)
    {
        var counts = new Dictionary<string, long>();
        for (var p = 0; p < partitions; p++)
        {
            for (long o = 0; o < perPartition; o++)
            {
                var word = Word(p, o);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        return counts;
    }

    public static JobGraph Build(ISource<string> source, ISink<KeyCount> sink, int sourceParallelism, int countParallelism, int? sinkParallelism = null)
    {
        var job = new JobBuilder("counting");
        job.From(source, sourceParallelism).Uid("words")
            .Map(w => w.Trim()).Name("trim")
            .KeyBy(w => w)
            .Process(() => new RunningCount()).Uid("count").Parallelism(countParallelism)
            .To(sink, sinkParallelism).Uid("out");
        return job.Build();
    }

    public static JobExecutionOptions Options(string storagePath, CheckpointingMode mode, TimeSpan? interval, RestartStrategy? restart = null) => new()
    {
        Storage = new FileSystemCheckpointStorage(storagePath),
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
