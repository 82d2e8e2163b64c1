using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace StreamGen.Diagnostics;

/// <summary>
/// The <c>StreamGen</c> meter. Record counters are read from the operators' plain fields by observable
/// instruments at collection time, so the per-record path pays no metrics cost.
/// </summary>
public static class StreamGenMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry: <c>AddMeter("StreamGen")</c>).</summary>
    public const string MeterName = "StreamGen";

    private static readonly Meter s_meter = new(MeterName, "0.1.0");
    private static readonly ConcurrentDictionary<IJobStatusProvider, byte> s_jobs = new();
    private static readonly Counter<long> s_completed = s_meter.CreateCounter<long>("streamgen.checkpoints.completed", description: "Completed checkpoints and savepoints.");
    private static readonly Counter<long> s_failed = s_meter.CreateCounter<long>("streamgen.checkpoints.failed", description: "Failed checkpoints and savepoints.");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>("streamgen.checkpoint.duration", "ms", "Trigger to completion.");
    private static readonly Histogram<long> s_size = s_meter.CreateHistogram<long>("streamgen.checkpoint.size", "By", "State bytes per checkpoint.");
    private static readonly Histogram<double> s_alignment = s_meter.CreateHistogram<double>("streamgen.checkpoint.alignment", "ms", "Longest barrier alignment per checkpoint.");

    static StreamGenMetrics()
    {
        s_meter.CreateObservableCounter("streamgen.operator.records_in", () => Observe(m => m.RecordsIn), description: "Records received per operator subtask.");
        s_meter.CreateObservableCounter("streamgen.operator.records_out", () => Observe(m => m.RecordsOut), description: "Records emitted per operator subtask.");
        s_meter.CreateObservableGauge("streamgen.channel.fill_ratio", ObserveFill, description: "Queued batches / capacity per channel; 1 means backpressure.");
        s_meter.CreateObservableUpDownCounter("streamgen.job.restarts", () => s_jobs.Keys.Select(j => new Measurement<long>(j.RestartCount, new KeyValuePair<string, object?>("job", j.JobName))));
    }

    internal static void Register(IJobStatusProvider job) => s_jobs.TryAdd(job, 0);

    internal static void Unregister(IJobStatusProvider job) => s_jobs.TryRemove(job, out _);

    internal static void CheckpointCompleted(CheckpointStats stats)
    {
        s_completed.Add(1);
        if (stats.Duration is { } duration)
        {
            s_duration.Record(duration.TotalMilliseconds);
        }

        s_size.Record(stats.StateSize);
        s_alignment.Record(stats.MaxAlignment.TotalMilliseconds);
    }

    internal static void CheckpointFailed() => s_failed.Add(1);

    private static IEnumerable<Measurement<long>> Observe(Func<OperatorMetricsSnapshot, long> value)
    {
        foreach (var job in s_jobs.Keys)
        {
            foreach (var m in job.GetOperatorMetrics())
            {
                yield return new Measurement<long>(
                    value(m),
                    new KeyValuePair<string, object?>("job", job.JobName),
                    new KeyValuePair<string, object?>("operator", m.OperatorName),
                    new KeyValuePair<string, object?>("operator_id", m.OperatorId),
                    new KeyValuePair<string, object?>("subtask", m.SubtaskIndex));
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveFill()
    {
        foreach (var job in s_jobs.Keys)
        {
            foreach (var c in job.GetChannelFill())
            {
                yield return new Measurement<double>(c.FillRatio, new KeyValuePair<string, object?>("job", job.JobName), new KeyValuePair<string, object?>("channel", c.Channel));
            }
        }
    }
}
