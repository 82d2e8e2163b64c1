using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

public sealed class StateRestoreTests : IDisposable
{
    public StateRestoreTests() => FaultInjector.Reset();

    public void Dispose() => FaultInjector.Reset();

    [Fact]
    public async Task State_of_an_operator_id_missing_from_the_job_fails_clearly_unless_allowed()
    {
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var first = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, 1);
        await first.CancelAsync();

        JobGraph WithoutCount()
        {
            var job = new JobBuilder("counting");
            job.From(source, 2).Uid("words").Map(w => w.Trim()).Name("trim").To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>())).Uid("out");
            return job.Build();
        }

        var strict = JobRunner.Start(WithoutCount(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        var error = await Assert.ThrowsAsync<JobFailedException>(() => strict.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<JobRestoreException>(error.InnerException);
        Assert.Contains("'count'", error.Message);
        Assert.Contains("AllowNonRestoredState", error.Message);
        Assert.Equal(JobStatus.Failed, strict.Status);

        var logging = new CapturingLoggerFactory();
        var lenientOptions = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), logging: logging);
        lenientOptions.AllowNonRestoredState = true;
        var lenient = JobRunner.Start(WithoutCount(), lenientOptions);
        await CountingJob.WaitAsync(lenient);
        Assert.Equal(JobStatus.Finished, lenient.Status);

        // The user already set AllowNonRestoredState: the warning says what is dropped, not to set it.
        var warning = Assert.Single(logging.At(Microsoft.Extensions.Logging.LogLevel.Warning), m => m.Contains("Dropping state"));
        Assert.Contains("operator id 'count'", warning);
        Assert.DoesNotContain("set AllowNonRestoredState", warning);
        Assert.Contains("Uid(\"count\")", warning);
    }

    [Fact]
    public async Task Operator_state_of_a_non_keyed_operator_survives_failover_exactly_once()
    {
        FaultInjector.Arm(CrashPoint.MidEpoch, onHit: 150);
        using var dir = new TempDirectory();
        var output = new CollectedOutput<(int Subtask, long Sequence)>();
        var job = new JobBuilder("sequence");
        job.From(new ReplayableSource<int>(2, 400, (p, o) => (int)o) { RecordsPerPoll = 3, PollInterval = TimeSpan.FromMilliseconds(1) }, 2).Uid("numbers")
            .Process(() => new SequenceNumberer()).Uid("sequence")
            .To(new ExactlyOnceCollectingSink<(int Subtask, long Sequence)>(output)).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));

        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, FaultInjector.FiredCount(CrashPoint.MidEpoch));
        Assert.True(execution.RestartCount >= 1);
        foreach (var subtask in new[] { 0, 1 })
        {
            Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), output.Records.Where(r => r.Subtask == subtask).Select(r => r.Sequence).Order());
        }
    }

    [Fact]
    public async Task Restart_strategy_none_fails_the_job_on_the_first_failure()
    {
        FaultInjector.Arm(CrashPoint.MidEpoch, onHit: 5);
        using var dir = new TempDirectory();
        var graph = CountingJob.Build(CountingJob.Source(4, 200, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1)), new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2);
        var execution = JobRunner.Start(graph, CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), RestartStrategy.None));

        var error = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<InjectedFailureException>(error.InnerException);
        Assert.Equal(JobStatus.Failed, execution.Status);
        Assert.Equal(0, error.Restarts);
    }
}
