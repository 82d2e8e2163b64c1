using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Checkpointing;

public sealed class CheckpointCoordinatorTests
{
    [Fact]
    public async Task Manual_checkpoint_completes_with_durable_metadata_and_state_of_every_subtask()
    {
        using var dir = new TempDirectory();
        var graph = CountingJob.Build(CountingJob.Source(4, 400, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1)), new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 3);
        var execution = JobRunner.Start(graph, CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, interval: null));
        await WaitUntilRunningAsync(execution);

        var stats = await execution.TriggerCheckpointAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await execution.CancelAsync();

        Assert.Equal(CheckpointStatus.Completed, stats.Status);
        Assert.True(File.Exists(Path.Combine(stats.Path!, FileSystemCheckpointStorage.MetadataFileName)));
        var restored = (await new FileSystemCheckpointStorage(dir.Path).LoadLatestAsync(default)).Restored;
        Assert.NotNull(restored);
        Assert.Equal(stats.CheckpointId, restored.Metadata.CheckpointId);
        Assert.Equal(2, restored.StatesOf("words").Count);
        Assert.Equal(3, restored.StatesOf("count").Count);
        Assert.Equal([0, 1, 2], restored.StatesOf("count").Select(s => s.SubtaskIndex));
        Assert.All(restored.StatesOf("count"), s => Assert.NotNull(s.KeyGroups));
        Assert.Equal(5, stats.AcknowledgedTasks);
    }

    [Fact]
    public async Task A_checkpoint_that_times_out_is_aborted_without_failing_the_job()
    {
        using var dir = new TempDirectory();
        var job = new StreamGen.Graph.JobBuilder("timeout");
        job.From(CountingJob.Source(2, 300, recordsPerPoll: 4, pollInterval: TimeSpan.FromMilliseconds(1)), 2)
            .To(new SlowBarrierSink<string>(id => id == 1, TimeSpan.FromMilliseconds(400)));
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        options.Checkpointing.Timeout = TimeSpan.FromMilliseconds(100);
        var execution = JobRunner.Start(job.Build(), options);

        await CountingJob.WaitAsync(execution);

        var stats = execution.GetCheckpointStats();
        var first = stats.History.Single(h => h.CheckpointId == 1);
        Assert.Equal(CheckpointStatus.Failed, first.Status);
        Assert.Contains("not complete after", first.FailureCause);
        Assert.True(stats.Completed >= 1);
        Assert.Equal(0, execution.RestartCount);
        Assert.Equal(JobStatus.Finished, execution.Status);
    }

    [Fact]
    public async Task A_failed_state_write_declines_the_checkpoint_and_aborts_its_files()
    {
        using var dir = new TempDirectory();
        var storage = new FailingStorage(new FileSystemCheckpointStorage(dir.Path), id => id == 2);
        var output = new CollectedOutput<KeyCount>();
        var graph = CountingJob.Build(CountingJob.Source(4, 200, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1)), new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2);
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        options.Storage = storage;
        var execution = JobRunner.Start(graph, options);

        await CountingJob.WaitAsync(execution);

        var second = execution.GetCheckpointStats().History.Single(h => h.CheckpointId == 2);
        Assert.Equal(CheckpointStatus.Failed, second.Status);
        Assert.Contains("could not write its state", second.FailureCause);
        Assert.True(storage.Aborted >= 1);
        Assert.False(Directory.Exists(second.Path));
        Assert.Equal(0, execution.RestartCount);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 200), output.Records, "declined checkpoint");
    }

    [Fact]
    public async Task A_full_disk_aborts_checkpoints_naming_the_file_and_saying_so_and_the_job_goes_on_once_space_is_freed()
    {
        const int enospc = 28; // the HResult .NET gives an IOException for ENOSPC on Linux and macOS
        using var dir = new TempDirectory();
        var storage = new FailingStorage(
            new FileSystemCheckpointStorage(dir.Path),
            id => id is >= 2 and <= 5,
            path => new IOException($"No space left on device : '{path}'", enospc));
        var output = new CollectedOutput<KeyCount>();
        var graph = CountingJob.Build(CountingJob.Source(4, 200, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1)), new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2);
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        options.Storage = storage;
        var execution = JobRunner.Start(graph, options);

        await CountingJob.WaitAsync(execution);

        var history = execution.GetCheckpointStats().History;
        var full = history.Single(h => h.CheckpointId == 3);
        Assert.Equal(CheckpointStatus.Failed, full.Status);
        Assert.Contains($"to {full.Path}: No space left on device : '{full.Path}{Path.DirectorySeparatorChar}", full.FailureCause, StringComparison.Ordinal);
        Assert.Contains("is full. This checkpoint is discarded; the previous ones are kept and the job continues.", full.FailureCause, StringComparison.Ordinal);
        Assert.Contains("(3 retained + 1 in progress)", full.FailureCause, StringComparison.Ordinal);
        Assert.False(Directory.Exists(full.Path));

        // Space freed: later checkpoints complete, nothing restarted, nothing lost or duplicated.
        Assert.Contains(history, h => h.CheckpointId > 5 && h.Status == CheckpointStatus.Completed);
        Assert.Equal(0, execution.RestartCount);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 200), output.Records, "checkpoints failing on a full disk");
    }

    [Fact]
    public async Task Exceeding_tolerable_checkpoint_failures_fails_the_job_over()
    {
        using var dir = new TempDirectory();
        var storage = new FailingStorage(new FileSystemCheckpointStorage(dir.Path), id => id == 1);
        var output = new CollectedOutput<KeyCount>();
        var graph = CountingJob.Build(CountingJob.Source(4, 200, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1)), new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2);
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        options.Storage = storage;
        options.Checkpointing.TolerableCheckpointFailures = 0;
        var execution = JobRunner.Start(graph, options);

        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, execution.RestartCount);
        Assert.IsType<CheckpointFailedException>(execution.LastFailure);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 200), output.Records, "failover after checkpoint failure");
    }

    internal static async Task WaitUntilRunningAsync(JobExecution execution)
    {
        for (var i = 0; i < 2000 && (execution.Status != JobStatus.Running || execution.GetOperatorMetrics().Sum(m => m.RecordsOut) == 0); i++)
        {
            await Task.Delay(5);
        }

        Assert.Equal(JobStatus.Running, execution.Status);
    }
}
