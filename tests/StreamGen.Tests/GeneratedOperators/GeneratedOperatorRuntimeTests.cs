using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.State;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.GeneratedOperators;

/// <summary>Operators compiled by the real source generator run under the runtime with the same guarantees.</summary>
public sealed class GeneratedOperatorRuntimeTests : IDisposable
{
    public GeneratedOperatorRuntimeTests() => FaultInjector.Reset();

    public void Dispose() => FaultInjector.Reset();

    [Fact]
    public void The_generator_implemented_the_state_contract()
    {
        Assert.IsAssignableFrom<IKeyedStateful<string>>(new GeneratedRunningCount());
        Assert.IsAssignableFrom<ICheckpointedOperator>(new GeneratedSequenceNumberer());
    }

    [Theory]
    [InlineData(CrashPoint.MidEpoch, 120)]
    [InlineData(CrashPoint.AfterSnapshotBeforeAck, 5)]
    [InlineData(CrashPoint.AfterCompleteBeforeNotify, 2)]
    public async Task Generated_keyed_operator_recovers_exactly_once(CrashPoint point, int onHit)
    {
        FaultInjector.Arm(point, onHit: onHit);
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var job = new JobBuilder("generated");
        job.From(CountingJob.Source(4, 250, recordsPerPoll: 3, pollInterval: TimeSpan.FromMilliseconds(1)), 2).Uid("words")
            .KeyBy(w => w)
            .Process(() => new GeneratedRunningCount()).Uid("count").Parallelism(3)
            .To(new ExactlyOnceCollectingSink<KeyCount>(output)).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));

        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, FaultInjector.FiredCount(point));
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 250), output.Records, $"generated, {FaultInjector.NameOf(point)}");
    }

    [Fact]
    public async Task Generated_operator_state_recovers_exactly_once()
    {
        FaultInjector.Arm(CrashPoint.MidEpoch, onHit: 150);
        using var dir = new TempDirectory();
        var output = new CollectedOutput<(int Subtask, long Sequence)>();
        var job = new JobBuilder("generated-sequence");
        job.From(new ReplayableSource<int>(2, 400, (p, o) => (int)o) { RecordsPerPoll = 3, PollInterval = TimeSpan.FromMilliseconds(1) }, 2).Uid("numbers")
            .Process(() => new GeneratedSequenceNumberer()).Uid("sequence")
            .To(new ExactlyOnceCollectingSink<(int Subtask, long Sequence)>(output)).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));

        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, FaultInjector.FiredCount(CrashPoint.MidEpoch));
        foreach (var subtask in new[] { 0, 1 })
        {
            Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), output.Records.Where(r => r.Subtask == subtask).Select(r => r.Sequence).Order());
        }
    }
}
