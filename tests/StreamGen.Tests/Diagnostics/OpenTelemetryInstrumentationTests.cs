using OpenTelemetry;
using OpenTelemetry.Metrics;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Diagnostics;

/// <summary>
/// <c>AddStreamGenInstrumentation()</c> subscribes an OpenTelemetry meter provider to StreamGen's instruments:
/// an in-memory exporter collects them, with their units and tags, from a short job run.
/// </summary>
public sealed class OpenTelemetryInstrumentationTests
{
    [Fact]
    public async Task The_extension_registers_the_meter_and_an_exporter_collects_the_jobs_instruments()
    {
        // Other tests run jobs in parallel and report to the same static meter: this job has its own name.
        var jobName = "otel-" + Guid.NewGuid().ToString("N");
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddStreamGenInstrumentation()
            .AddInMemoryExporter(exported)
            .Build();
        using var dir = new TempDirectory();
        var job = new JobBuilder(jobName);
        job.From(CountingJob.Source(2, 1_000_000, recordsPerPoll: 8, pollInterval: TimeSpan.FromMilliseconds(1)), 2).Uid("words")
            .KeyBy(w => w)
            .Process(() => new RunningCount()).Uid("count").Parallelism(2)
            .To(new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>())).Uid("out");
        var execution = JobRunner.Start(job.Build(), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        try
        {
            // Bounded so a regression fails instead of hanging (not a timing assertion).
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (execution.GetCheckpointStats().Completed == 0 || !execution.GetOperatorMetrics().Any(m => m.OperatorId == "count" && m.RecordsIn > 0))
            {
                await Task.Delay(10, bound.Token);
            }

            Assert.True(provider.ForceFlush());
        }
        finally
        {
            await execution.CancelAsync();
        }

        var ours = exported.ToDictionary(m => m.Name, m => Points(m).Where(p => Tag(p, "job") == jobName).ToList());
        Assert.Contains(ours["streamgen.checkpoints.completed"], p => Tag(p, "kind") == "checkpoint" && p.GetSumLong() >= 1);
        Assert.Contains(ours["streamgen.checkpoint.duration"], p => p.GetHistogramCount() >= 1);
        Assert.NotEmpty(ours["streamgen.checkpoint.size"]);
        Assert.NotEmpty(ours["streamgen.checkpoint.sync_duration"]);
        Assert.Contains(ours["streamgen.operator.records_in"], p => Tag(p, "operator_id") == "count" && p.GetSumLong() > 0);
        Assert.Contains(ours["streamgen.operator.records_out"], p => Tag(p, "operator_id") == "words" && p.GetSumLong() > 0);
        Assert.NotEmpty(ours["streamgen.channel.fill_ratio"]);
        Assert.Contains(ours["streamgen.job.restarts"], p => p.GetSumLong() == 0);
        Assert.Equal("ms", exported.First(m => m.Name == "streamgen.checkpoint.duration").Unit);
        Assert.Equal("By", exported.First(m => m.Name == "streamgen.checkpoint.size").Unit);
        Assert.All(exported, m => Assert.Contains(m.MeterName, new[] { "StreamGen", "StreamGen.Kafka" }));
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
