using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Storage.S3.Tests.Jobs;

/// <summary>The keyed running-count job of the runtime's recovery tests: words → KeyBy(word) → RunningCount → sink.</summary>
public static class CountingJob
{
    public const int Keys = 7;
    public const int Partitions = 4;
    public const long PerPartition = 300;

    public static string Word(int partition, long offset) => "k" + (((partition * 31) + offset) % Keys);

    // Throttled, so the job is still running after a few checkpoints.
    public static ReplayableSource<string> Source()
        => new(Partitions, PerPartition, Word) { RecordsPerPoll = 2, PollInterval = TimeSpan.FromMilliseconds(5) };

    public static Dictionary<string, long> ExpectedCounts()
    {
        var counts = new Dictionary<string, long>();
        for (var p = 0; p < Partitions; p++)
        {
            for (long o = 0; o < PerPartition; o++)
            {
                var word = Word(p, o);
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        return counts;
    }

    public static JobGraph Build(ISink<KeyCount> sink)
    {
        var job = new JobBuilder("counting-s3");
        job.From(Source(), 2).Uid("words")
            .KeyBy(w => w)
            .Process(() => new RunningCount()).Uid("count").Parallelism(2)
            .To(sink).Uid("out");
        return job.Build();
    }

    public static JobExecutionOptions Options(ICheckpointStorage storage, TimeSpan? checkpointTimeout = null) => new()
    {
        Storage = storage,
        Checkpointing = new CheckpointConfig
        {
            Mode = CheckpointingMode.ExactlyOnce,
            Interval = TimeSpan.FromMilliseconds(50),
            Timeout = checkpointTimeout ?? TimeSpan.FromSeconds(30),
        },
        RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5)),
        BatchSize = 16,
        ChannelCapacity = 4,
        BufferTimeout = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>Waits for the job, failing the test (not hanging it) if it does not end.</summary>
    public static async Task WaitAsync(JobExecution execution, int seconds = 120)
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

    public static async Task WaitForCheckpointsAsync(JobExecution execution, int completed, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (execution.GetCheckpointStats().Completed < completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {completed} checkpoints completed in {seconds} s; status {execution.Status}, last failure: {execution.LastFailure}");
            Assert.False(execution.Completion.IsCompleted, $"the job ended ({execution.Status}) before {completed} checkpoints completed");
            await Task.Delay(10);
        }
    }

    /// <summary>Every key's counts are exactly 1..expected, each once: no loss, no duplicate.</summary>
    public static void AssertExactlyOnce(IReadOnlyList<KeyCount> records, string context)
    {
        var expected = ExpectedCounts();
        var byKey = records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Count).Order().ToList());
        Assert.True(byKey.Keys.ToHashSet().SetEquals(expected.Keys), $"{context}: keys {string.Join(",", byKey.Keys.Order())} differ from expected {string.Join(",", expected.Keys.Order())}");
        foreach (var (key, count) in expected)
        {
            var counts = byKey[key];
            Assert.True(counts.SequenceEqual(Enumerable.Range(1, (int)count).Select(i => (long)i)), $"{context}: key {key} expected counts 1..{count} once each, got {counts.Count} outputs, max {counts.LastOrDefault()}, distinct {counts.Distinct().Count()}");
        }
    }
}
