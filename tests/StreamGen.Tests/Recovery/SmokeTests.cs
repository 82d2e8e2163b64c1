using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Recovery;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

public sealed class SmokeTests
{
    [Theory]
    [InlineData(CheckpointingMode.ExactlyOnce)]
    [InlineData(CheckpointingMode.AtLeastOnce)]
    public async Task Counting_job_without_failures_counts_every_word_once(CheckpointingMode mode)
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var graph = CountingJob.Build(CountingJob.Source(4, 200), new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2);
        var execution = JobRunner.Start(graph, CountingJob.Options(dir.Path, mode, TimeSpan.FromMilliseconds(20)));

        await CountingJob.WaitAsync(execution);

        var expected = CountingJob.ExpectedCounts(4, 200);
        var records = output.Records;
        Assert.Equal(expected.Values.Sum(), records.Count);
        foreach (var (key, count) in expected)
        {
            Assert.Equal(Enumerable.Range(1, (int)count).Select(i => (long)i), records.Where(r => r.Key == key).Select(r => r.Count).Order());
        }

        Assert.True(execution.GetCheckpointStats().Completed >= 1);
        Assert.Equal(0, execution.RestartCount);
        var metrics = execution.GetOperatorMetrics();
        Assert.Equal(800, metrics.Where(m => m.OperatorId == "words").Sum(m => m.RecordsOut));
        Assert.Equal(800, metrics.Where(m => m.OperatorId == "count").Sum(m => m.RecordsIn));
        Assert.Equal(800, metrics.Where(m => m.OperatorId == "out").Sum(m => m.RecordsIn));
        Assert.Equal(4, execution.GetChannelFill().Count);
    }
}
