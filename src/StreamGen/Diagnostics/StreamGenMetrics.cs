using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using StreamGen.Storage;

namespace StreamGen.Diagnostics;

/// <summary>
/// The <c>StreamGen</c> meter. Record counters are read from the operators' plain fields by observable
/// instruments at collection time, so the per-record path pays no metrics cost. Every instrument, with its
/// unit and tags, is listed in docs/operations.md; <c>AddStreamGenInstrumentation()</c> (package
/// StreamGen.OpenTelemetry) subscribes an OpenTelemetry meter provider to it.
/// </summary>
public static class StreamGenMetrics
{
    /// <summary>The runtime's meter name (OpenTelemetry: <c>AddStreamGenInstrumentation()</c> or <c>AddMeter("StreamGen")</c>).</summary>
    public const string MeterName = "StreamGen";

    /// <summary>The Kafka connector's meter name (records skipped or dead-lettered by the source).</summary>
    public const string KafkaMeterName = "StreamGen.Kafka";

    // Checkpoint durations span sub-millisecond (tiny state) to minutes (large state on a slow store).
    private static readonly InstrumentAdvice<double> s_millisecondBuckets = new() { HistogramBucketBoundaries = [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000] };

    // State sizes span bytes to gigabytes: powers of 4 from 1 KiB.
    private static readonly InstrumentAdvice<long> s_byteBuckets = new() { HistogramBucketBoundaries = Enumerable.Range(0, 12).Select(i => 1024L << (2 * i)).ToArray() };

    private static readonly Meter s_meter = new(MeterName, typeof(StreamGenMetrics).Assembly.GetName().Version?.ToString(3));
    private static readonly ConcurrentDictionary<IJobStatusProvider, byte> s_jobs = new();
    private static readonly Counter<long> s_completed = s_meter.CreateCounter<long>("streamgen.checkpoints.completed", "{checkpoint}", "Checkpoints and savepoints that completed (durable, metadata written).");
    private static readonly Counter<long> s_failed = s_meter.CreateCounter<long>("streamgen.checkpoints.failed", "{checkpoint}", "Checkpoints and savepoints that failed or were aborted.");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram("streamgen.checkpoint.duration", "ms", "Trigger to completion of a completed checkpoint.", null, s_millisecondBuckets);
    private static readonly Histogram<long> s_size = s_meter.CreateHistogram("streamgen.checkpoint.size", "By", "State bytes written by a completed checkpoint.", null, s_byteBuckets);
    private static readonly Histogram<double> s_alignment = s_meter.CreateHistogram("streamgen.checkpoint.alignment", "ms", "Longest barrier alignment among the tasks of a completed checkpoint.", null, s_millisecondBuckets);
    private static readonly Histogram<double> s_synchronous = s_meter.CreateHistogram("streamgen.checkpoint.sync_duration", "ms", "Longest synchronous snapshot part (the pause of a task's processing) of a completed checkpoint.", null, s_millisecondBuckets);

    static StreamGenMetrics()
    {
        s_meter.CreateObservableCounter("streamgen.operator.records_in", () => Observe(m => m.RecordsIn), "{record}", "Records received per operator subtask.");
        s_meter.CreateObservableCounter("streamgen.operator.records_out", () => Observe(m => m.RecordsOut), "{record}", "Records emitted per operator subtask.");
        s_meter.CreateObservableGauge("streamgen.channel.fill_ratio", ObserveFill, "1", "Queued batches / capacity per channel; 1 means the producer is blocked (backpressure).");
        s_meter.CreateObservableCounter("streamgen.job.restarts", ObserveRestarts, "{restart}", "Restarts of the job after a failure since it was started.");
    }

    internal static void Register(IJobStatusProvider job) => s_jobs.TryAdd(job, 0);

    internal static void Unregister(IJobStatusProvider job) => s_jobs.TryRemove(job, out _);

    internal static void CheckpointCompleted(string job, CheckpointStats stats)
    {
        var tags = Tags(job, stats);
        s_completed.Add(1, tags);
        if (stats.Duration is { } duration)
        {
            s_duration.Record(duration.TotalMilliseconds, tags);
        }

        s_size.Record(stats.StateSize, tags);
        s_alignment.Record(stats.MaxAlignment.TotalMilliseconds, tags);
        s_synchronous.Record(stats.MaxSynchronousDuration.TotalMilliseconds, tags);
    }

    internal static void CheckpointFailed(string job, CheckpointStats stats) => s_failed.Add(1, Tags(job, stats));

    private static TagList Tags(string job, CheckpointStats stats)
        => new() { { "job", job }, { "kind", stats.Kind == CheckpointKind.Savepoint ? "savepoint" : "checkpoint" } };

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

    private static IEnumerable<Measurement<long>> ObserveRestarts()
        => s_jobs.Keys.Select(j => new Measurement<long>(j.RestartCount, new KeyValuePair<string, object?>("job", j.JobName)));
}
