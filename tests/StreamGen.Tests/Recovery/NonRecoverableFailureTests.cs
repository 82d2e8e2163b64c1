using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.State;
using StreamGen.Storage;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

/// <summary>Errors a restart cannot fix fail the job at once instead of being retried by the restart strategy.</summary>
public sealed class NonRecoverableFailureTests
{
    [Fact]
    public async Task A_changed_state_type_fails_at_once_naming_the_operator_class_not_the_default_node_name()
    {
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var first = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, 1);
        await first.CancelAsync();

        // The same job, but _count is now declared as a string; no Uid and no Name on the operator.
        var retyped = new StateSchema(RunningCount.Schema.OperatorType, [new StateField("_count", "string")]);
        var job = new JobBuilder("counting");
        job.From(source, 2).Uid("words")
            .Map(w => w.Trim()).Name("trim")
            .KeyBy(w => w)
            .Process(() => new RunningCount(retyped)).Uid("count").Parallelism(2)
            .To(new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>())).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5))));

        var error = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<StateSchemaMismatchException>(error.InnerException);
        Assert.Equal(0, execution.RestartCount);
        Assert.Equal(0, error.Restarts);
        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Contains("'RunningCount' (operator id 'count'", error.Message);
        Assert.DoesNotContain("KeyedProcess", error.Message);
        Assert.Contains("'_count' was checkpointed as long but is now declared as string", error.Message);
    }

    [Fact]
    public async Task An_error_marked_non_recoverable_fails_at_once_although_the_restart_strategy_allows_restarts()
    {
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var job = new JobBuilder("non-recoverable");
        job.From(source, 1).Uid("words")
            .Map<string>(_ => throw new MissingDependencyError())
            .To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>())).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5))));

        var error = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<MissingDependencyError>(error.InnerException);
        Assert.Equal(0, execution.RestartCount);
        Assert.Equal(JobStatus.Failed, execution.Status);
    }

    private sealed class MissingDependencyError() : Exception("a native library is missing"), INonRecoverableError;

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    public async Task A_RestoreFrom_path_that_cannot_be_restored_fails_at_once_naming_it(string damage)
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var savepoint = (await RestoreFromRestartTests.TakeSavepointAsync(dir.Path, source, output)).Path!;
        if (damage == "missing")
        {
            Directory.Delete(savepoint, recursive: true);
        }
        else
        {
            var file = Directory.GetFiles(savepoint).First(f => Path.GetFileName(f) != FileSystemCheckpointStorage.MetadataFileName);
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..1]);
        }

        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(5)));
        options.RestoreFromSavepoint = savepoint;
        var execution = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), options);
        var error = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        var restore = Assert.IsType<JobRestoreException>(error.InnerException);
        Assert.IsType<CorruptCheckpointException>(restore.InnerException);
        Assert.Equal(0, execution.RestartCount);
        Assert.Contains($"RestoreFrom names '{savepoint}'", error.Message);
        Assert.Contains(damage == "missing" ? "does not exist" : "truncated", error.Message);
    }
}
