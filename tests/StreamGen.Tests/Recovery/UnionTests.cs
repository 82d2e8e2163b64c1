using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

public sealed class UnionTests : IDisposable
{
    public UnionTests() => FaultInjector.Reset();

    public void Dispose() => FaultInjector.Reset();

    [Theory]
    [InlineData(40)]
    [InlineData(400)]
    public async Task Union_of_two_sources_aligns_both_inputs_and_recovers_exactly_once(int crashOnHit)
    {
        FaultInjector.Arm(CrashPoint.MidEpoch, onHit: crashOnHit);
        using var dir = new TempDirectory();
        var output = new CollectedOutput<int>();
        var job = new JobBuilder("union");
        var low = job.From(new ReplayableSource<int>(1, 500, (_, o) => (int)o) { RecordsPerPoll = 3, PollInterval = TimeSpan.FromMilliseconds(1) }).Uid("low");
        var high = job.From(new ReplayableSource<int>(1, 500, (_, o) => 1000 + (int)o) { RecordsPerPoll = 5, PollInterval = TimeSpan.FromMilliseconds(1) }).Uid("high");
        low.Union(high).Map(i => i * 2).Uid("double").To(new ExactlyOnceCollectingSink<int>(output)).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));

        await CountingJob.WaitAsync(execution);

        Assert.Equal(1, FaultInjector.FiredCount(CrashPoint.MidEpoch));
        var expected = Enumerable.Range(0, 500).Concat(Enumerable.Range(1000, 500)).Select(i => i * 2);
        Assert.Equal(expected, output.Records.Order());
        Assert.Equal(2, job.Build().Nodes.Single(n => n.Kind == "Map").Inputs.Count);
    }
}
