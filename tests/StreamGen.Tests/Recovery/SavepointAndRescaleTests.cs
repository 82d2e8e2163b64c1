using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.Checkpointing;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

public sealed class SavepointAndRescaleTests
{
    [Theory]
    [InlineData(2, 3, 3)]
    [InlineData(3, 1, 2)]
    public async Task Restoring_a_savepoint_onto_another_parallelism_gives_the_same_result(int countBefore, int countAfter, int sourceAfter)
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(6, 200, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));

        // Run 1: no periodic checkpoints, so the savepoint is the only snapshot.
        var first = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, countBefore), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, interval: null));
        await CheckpointCoordinatorTests.WaitUntilRunningAsync(first);
        await WaitForRecordsAsync(first, 200);
        var savepoint = await first.TriggerSavepointAsync("rescale").WaitAsync(TimeSpan.FromSeconds(30));
        await first.CancelAsync();
        Assert.Equal(CheckpointKind.Savepoint, savepoint.Kind);
        var restored = await new FileSystemCheckpointStorage(dir.Path).LoadAsync(savepoint.Path!, default);
        Assert.Equal(countBefore, restored.StatesOf("count").Count);

        // Run 2: restore the savepoint with other parallelisms, into the same external output.
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(25));
        options.RestoreFromSavepoint = savepoint.Path;
        var second = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), sourceAfter, countAfter), options);
        await CountingJob.WaitAsync(second);

        Assert.Equal(savepoint.CheckpointId, second.GetCheckpointStats().LatestRestore!.CheckpointId);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(6, 200), output.Records, $"savepoint {countBefore}->{countAfter}");
    }

    [Fact]
    public async Task Stop_with_savepoint_then_restore_continues_exactly_once_despite_periodic_checkpoints()
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var first = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(15)));
        await WaitForCheckpointsAsync(first, 2);

        var savepoint = await first.StopWithSavepointAsync("upgrade").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Canceled, first.Status);
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(15));
        options.RestoreFromSavepoint = savepoint.Path;
        var second = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 3), options);
        await CountingJob.WaitAsync(second);
        Assert.Equal(savepoint.CheckpointId, second.GetCheckpointStats().LatestRestore!.CheckpointId);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 300), output.Records, "stop-with-savepoint");
    }

    [Fact]
    public async Task A_new_execution_resumes_from_durable_storage_where_the_last_one_stopped()
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var graph = CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2);

        var first = JobRunner.Start(graph, CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await WaitForCheckpointsAsync(first, 2);
        await first.CancelAsync();
        var committedBefore = output.Records.Count;

        var second = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await CountingJob.WaitAsync(second);

        Assert.True(committedBefore > 0);
        Assert.NotNull(second.GetCheckpointStats().LatestRestore);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 300), output.Records, "resume");
    }

    internal static async Task WaitForRecordsAsync(JobExecution execution, long records)
    {
        for (var i = 0; i < 4000 && execution.GetOperatorMetrics().Where(m => m.OperatorId == "count").Sum(m => m.RecordsIn) < records; i++)
        {
            await Task.Delay(5);
        }
    }

    internal static async Task WaitForCheckpointsAsync(JobExecution execution, int completed)
    {
        for (var i = 0; i < 4000 && execution.GetCheckpointStats().Completed < completed; i++)
        {
            await Task.Delay(5);
        }

        Assert.True(execution.GetCheckpointStats().Completed >= completed, "checkpoints did not complete");
        Assert.NotEqual(JobStatus.Finished, execution.Status);
    }
}
