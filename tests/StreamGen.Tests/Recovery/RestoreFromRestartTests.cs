using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.Checkpointing;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace StreamGen.Tests.Recovery;

/// <summary>With RestoreFrom still configured, restarts continue from the newest checkpoint of that run: they never rewind.</summary>
public sealed class RestoreFromRestartTests
{
    [Fact]
    public async Task A_failover_and_a_process_restart_with_RestoreFrom_set_resume_from_newer_checkpoints_not_the_savepoint()
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(4, 600, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var savepoint = await TakeSavepointAsync(dir.Path, source, output);

        // Run 2 starts from the savepoint, completes checkpoints, then a task fails.
        var fail = new FailSwitch();
        var logging = new CapturingLoggerFactory();
        var second = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2, fail: fail), RestoreFromOptions(dir.Path, savepoint.Path!, logging));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(second, 2);
        var checkpointed = second.GetCheckpointStats().LatestCompleted!.CheckpointId;
        var completedBefore = second.GetCheckpointStats().Completed;
        fail.Arm();
        for (var i = 0; i < 4000 && second.RestartCount == 0; i++)
        {
            await Task.Delay(5);
        }

        Assert.Equal(1, fail.Fired);
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(second, (int)completedBefore + 1);
        var afterFailover = second.GetCheckpointStats().LatestRestore!;
        Assert.Equal(CheckpointKind.Checkpoint, afterFailover.Kind);
        Assert.True(afterFailover.CheckpointId >= checkpointed && afterFailover.CheckpointId > savepoint.CheckpointId, $"restored {afterFailover.CheckpointId}, savepoint {savepoint.CheckpointId}");
        Assert.Contains(logging.At(LogLevel.Information), m => m.Contains($"restores from Checkpoint {afterFailover.CheckpointId}") && m.Contains("does not rewind"));
        await second.CancelAsync();

        // Run 3: the process restarts with the same configuration.
        var third = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), RestoreFromOptions(dir.Path, savepoint.Path!, logging));
        await CountingJob.WaitAsync(third);

        var restored = third.GetCheckpointStats().LatestRestore!;
        Assert.Equal(CheckpointKind.Checkpoint, restored.Kind);
        Assert.True(restored.CheckpointId > afterFailover.CheckpointId);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 600), output.Records, "restarts with RestoreFrom");
    }

    [Fact]
    public async Task Checkpoints_of_another_run_do_not_win_over_the_savepoint_RestoreFrom_names()
    {
        // Going back to an older savepoint on purpose: the newer checkpoints did not continue from it.
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 600, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var first = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(15)));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, 1);
        var savepoint = await first.TriggerSavepointAsync("old").WaitAsync(TimeSpan.FromSeconds(30));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, (int)first.GetCheckpointStats().Completed + 2);
        await first.CancelAsync();
        var newest = (await new FileSystemCheckpointStorage(dir.Path).LoadLatestAsync(default)).Restored!;
        Assert.True(newest.Metadata.CheckpointId > savepoint.CheckpointId);

        var logging = new CapturingLoggerFactory();
        var second = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), RestoreFromOptions(dir.Path, savepoint.Path!, logging));
        await CountingJob.WaitAsync(second);

        var restored = second.GetCheckpointStats().LatestRestore!;
        Assert.Equal(CheckpointKind.Savepoint, restored.Kind);
        Assert.Equal(savepoint.CheckpointId, restored.CheckpointId);
        Assert.Contains(logging.At(LogLevel.Information), m => m.Contains("named by RestoreFrom") && m.Contains($"({newest.Metadata.CheckpointId}, job 'counting') did not continue from it"));
    }

    internal static async Task<CheckpointStats> TakeSavepointAsync(string storage, ReplayableSource<string> source, CollectedOutput<KeyCount> output)
    {
        // No periodic checkpoints, so the savepoint is the only snapshot of run 1.
        var first = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(storage, CheckpointingMode.ExactlyOnce, interval: null));
        await CheckpointCoordinatorTests.WaitUntilRunningAsync(first);
        await SavepointAndRescaleTests.WaitForRecordsAsync(first, 200);
        var savepoint = await first.TriggerSavepointAsync("start").WaitAsync(TimeSpan.FromSeconds(30));
        await first.CancelAsync();
        return savepoint;
    }

    private static JobExecutionOptions RestoreFromOptions(string storage, string savepoint, ILoggerFactory logging)
    {
        var options = CountingJob.Options(storage, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), logging: logging);
        options.RestoreFromSavepoint = savepoint;
        return options;
    }
}
