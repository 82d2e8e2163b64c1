using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Serialization;
using StreamGen.State;
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

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public async Task Rescaling_many_keys_over_every_key_group_restores_each_key_exactly(int countBefore, int countAfter)
    {
        const int Keys = 1000;
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(6, 2000, recordsPerPoll: 16, pollInterval: TimeSpan.FromMilliseconds(1), keys: Keys);
        var maxParallelism = CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, countBefore).MaxParallelism;
        Assert.Equal(maxParallelism, Enumerable.Range(0, Keys).Select(k => KeyGroups.Of("k" + k, maxParallelism)).Distinct().Count());

        var first = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, countBefore), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, interval: null));
        await CheckpointCoordinatorTests.WaitUntilRunningAsync(first);
        await WaitForRecordsAsync(first, 3000);
        var savepoint = await first.TriggerSavepointAsync("rescale").WaitAsync(TimeSpan.FromSeconds(30));
        await first.CancelAsync();

        // Exact state in the savepoint: the words before the source positions it holds, counted per key, each
        // key in the file of the subtask that owns its key group.
        var snapshot = await new FileSystemCheckpointStorage(dir.Path).LoadAsync(savepoint.Path!, default);
        var atSavepoint = AssertKeyedCounts(snapshot, countBefore, maxParallelism);
        var counted = new Dictionary<string, long>();
        foreach (var handle in snapshot.StatesOf("words"))
        {
            var reader = new MessagePackReader(snapshot.ReadStateFile(handle.File).Span);
            for (var n = reader.ReadMapHeader(); n > 0; n--)
            {
                var partition = reader.ReadInt32();
                var next = reader.ReadInt64();
                for (long offset = 0; offset < next; offset++)
                {
                    var word = CountingJob.Word(partition, offset, Keys);
                    counted[word] = counted.GetValueOrDefault(word) + 1;
                }
            }
        }

        Assert.True(atSavepoint.Count > Keys / 2, $"only {atSavepoint.Count} keys counted before the savepoint");
        Assert.Equal(counted.OrderBy(e => e.Key), atSavepoint.OrderBy(e => e.Key));

        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(50));
        options.RestoreFromSavepoint = savepoint.Path;
        var second = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, countAfter), options);
        await CountingJob.WaitAsync(second);

        var expected = CountingJob.ExpectedCounts(6, 2000, Keys);
        Assert.Equal(Keys, expected.Count);
        var final = (await new FileSystemCheckpointStorage(dir.Path).LoadLatestAsync(default)).Restored!;
        Assert.Equal(expected.OrderBy(e => e.Key), AssertKeyedCounts(final, countAfter, maxParallelism).OrderBy(e => e.Key));
        OutputAssert.ExactlyOnce(expected, output.Records, $"{Keys} keys {countBefore}->{countAfter}");
    }

    [Fact]
    public async Task A_savepoint_does_not_commit_sink_output_so_a_failover_to_an_older_checkpoint_stays_exactly_once()
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var fail = new FailSwitch();
        var source = CountingJob.Source(4, 600, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var execution = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2, fail: fail), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, interval: null));
        await CheckpointCoordinatorTests.WaitUntilRunningAsync(execution);
        await WaitForRecordsAsync(execution, 100);
        var checkpoint = await execution.TriggerCheckpointAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForRecordsAsync(execution, 300);
        var savepoint = await execution.TriggerSavepointAsync("between").WaitAsync(TimeSpan.FromSeconds(30));
        var committedAtSavepoint = output.Records.Count;

        // The records between the checkpoint and the savepoint are in the savepoint's epoch: committing them
        // at the savepoint would duplicate them when the job fails over to the checkpoint below.
        fail.Arm();
        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, fail.Fired);
        Assert.True(savepoint.CheckpointId > checkpoint.CheckpointId);
        var restore = execution.GetCheckpointStats().LatestRestore!;
        Assert.Equal(CheckpointKind.Checkpoint, restore.Kind);
        Assert.Equal(checkpoint.CheckpointId, restore.CheckpointId);
        Assert.True(committedAtSavepoint > 0);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 600), output.Records, "savepoint then failover");
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

    // Every key's count in the keyed state of "count", asserting each sits in the file of the subtask that owns its key group.
    private static Dictionary<string, long> AssertKeyedCounts(RestoredCheckpoint checkpoint, int parallelism, int maxParallelism)
    {
        var counts = new Dictionary<string, long>();
        var handles = checkpoint.StatesOf("count");
        Assert.Equal(parallelism, handles.Count);
        foreach (var handle in handles)
        {
            Assert.Equal(KeyGroupRange.ForSubtask(maxParallelism, parallelism, handle.SubtaskIndex), handle.KeyGroups);
            foreach (var (key, keyGroup, count) in KeyedCountFile.Read(checkpoint.ReadStateFile(handle.File).Span))
            {
                Assert.Equal(KeyGroups.Of(key, maxParallelism), keyGroup);
                Assert.True(handle.KeyGroups!.Value.Contains(keyGroup), $"key {key} (group {keyGroup}) in the file of subtask {handle.SubtaskIndex}");
                counts.Add(key, count);
            }
        }

        return counts;
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
