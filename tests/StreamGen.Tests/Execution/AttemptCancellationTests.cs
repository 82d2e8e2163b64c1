using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Execution;

public sealed class AttemptCancellationTests
{
    private const int BatchSize = 16;
    private const int ChannelCapacity = 8;

    [Fact]
    public async Task A_failed_attempt_stops_its_slow_sink_within_one_batch_instead_of_draining_full_queues()
    {
        using var dir = new TempDirectory();
        var sink = new SlowCountingSink<long>(TimeSpan.FromMilliseconds(0.3));
        var failed = 0;
        var job = new JobBuilder("cancel-within-a-batch");

        // Two fast source subtasks feed one slow sink subtask through an unchained rebalance edge: both channels
        // fill up (2 × 8 batches × 16 records = 256 records queued) while the sink writes.
        job.From(new ReplayableSource<long>(2, 400, (p, o) => (p * 1_000_000) + o), 2).Uid("numbers")
            .Map(x =>
            {
                // Fails once, when the sink is well behind the sources, so the sink's queues are full.
                if (sink.Written >= 64 && Interlocked.Exchange(ref failed, 1) == 0)
                {
                    throw new InvalidOperationException("injected failure upstream of a slow sink");
                }

                return x;
            }).Uid("fail-once")
            .To(sink, 1).Uid("slow-sink");
        var options = new JobExecutionOptions
        {
            Storage = new FileSystemCheckpointStorage(dir.Path),
            Checkpointing = new CheckpointConfig { Interval = null },
            RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.Zero),
            BatchSize = BatchSize,
            ChannelCapacity = ChannelCapacity,
        };

        var execution = JobRunner.Start(job.Build(), options);
        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, execution.RestartCount);
        Assert.Equal(JobStatus.Finished, execution.Status);

        // Only the batch in progress when the failure arrived may still be written; the queued batches are dropped.
        Assert.InRange(sink.WrittenAfterCancellation, 0, BatchSize);
    }
}
