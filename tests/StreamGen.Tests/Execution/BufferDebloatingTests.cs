using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Execution;

/// <summary>
/// A slow sink behind two unchained stages with the default channels (8 batches × 256 records): without debloating a
/// barrier queues behind about 2 × 2048 records at 2,000 records/s, several seconds, far more than the 1 s checkpoint
/// timeout the tests use.
/// </summary>
public sealed class BufferDebloatingTests
{
    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Checkpoints_complete_within_a_short_timeout_behind_a_slow_sink_when_data_in_flight_is_bounded_by_time()
    {
        using var dir = new TempDirectory();
        var sink = new SlowCountingSink<long>(TimeSpan.FromMilliseconds(0.5));
        var execution = JobRunner.Start(Build(sink), Options(dir.Path, debloatTarget: TimeSpan.FromMilliseconds(100)));
        try
        {
            var stats = await WaitForAsync(execution, s => s.Completed >= 2);

            Assert.True(stats.Completed >= 2, $"completed {stats.Completed}, failed {stats.Failed}: {stats.LatestFailed?.FailureCause}");
            Assert.Equal(JobStatus.Running, execution.Status);

            // The job was still sink-bound: far from done, so the checkpoints passed behind queued data.
            Assert.True(sink.Written < 1_000_000, $"the sink wrote {sink.Written} records");
            Assert.Contains(execution.GetChannelFill(), c => c.QueuedBatches > 0);
        }
        finally
        {
            await execution.CancelAsync();
        }
    }

    [Fact]
    public async Task Without_debloating_a_checkpoint_that_times_out_behind_a_slow_sink_names_the_data_in_flight_and_its_drain_rate()
    {
        using var dir = new TempDirectory();
        var sink = new SlowCountingSink<long>(TimeSpan.FromMilliseconds(0.5));
        var execution = JobRunner.Start(Build(sink), Options(dir.Path, debloatTarget: null));
        try
        {
            var stats = await WaitForAsync(execution, s => s.Failed >= 1);

            Assert.Equal(0, stats.Completed);
            var cause = stats.LatestFailed!.FailureCause!;
            Assert.Matches(@"not complete after 1000 ms", cause);
            Assert.Matches(@"[1-9]\d* records were queued in the channels", cause);
            Assert.Matches(@"consumes [1-9]\d* records/s, so a barrier waits about \d+\.\d s", cause);
            Assert.Contains("buffer debloating is off (BufferDebloatTarget)", cause, StringComparison.Ordinal);
        }
        finally
        {
            await execution.CancelAsync();
        }
    }

    private static JobGraph Build(SlowCountingSink<long> sink)
    {
        var job = new JobBuilder("debloating");
        job.From(new ReplayableSource<long>(1, 1_000_000, (_, o) => o), 1).Uid("numbers")
            .Map(x => x + 1).Uid("plus-one").Parallelism(2)
            .To(sink, 1).Uid("slow-sink");
        return job.Build();
    }

    private static JobExecutionOptions Options(string path, TimeSpan? debloatTarget) => new()
    {
        Storage = new FileSystemCheckpointStorage(path),
        Checkpointing = new CheckpointConfig { Interval = TimeSpan.FromMilliseconds(200), Timeout = CheckpointTimeout },
        BufferDebloatTarget = debloatTarget,
    };

    private static async Task<CheckpointStatsSnapshot> WaitForAsync(JobExecution execution, Func<CheckpointStatsSnapshot, bool> condition)
    {
        // A guard against hanging, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var stats = execution.GetCheckpointStats();
            if (condition(stats) || execution.Completion.IsCompleted)
            {
                return stats;
            }

            await Task.Delay(50, guard.Token);
        }
    }
}
