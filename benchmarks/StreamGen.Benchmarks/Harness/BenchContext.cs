using StreamGen.Benchmarks.Workload;

namespace StreamGen.Benchmarks.Harness;

/// <summary>What every scenario gets: options, the report, and the shared workload.</summary>
internal sealed class BenchContext(BenchOptions options, Report report)
{
    private KeyWorkload? _keys;

    public BenchOptions Options => options;

    public Report Report => report;

    /// <summary>100 k distinct string keys, as the issue specifies (<c>--keys</c> changes it for experiments).</summary>
    public KeyWorkload Keys => _keys ??= KeyWorkload.Create(options.DistinctKeys);

    /// <summary>Runs per variant; the best is reported (noise on a shared machine only ever slows a run down).</summary>
    public int Repeats => options.Smoke ? 1 : options.Quick ? 3 : 5;

    /// <summary>
    /// Runs per variant that takes periodic checkpoints. Each lasts long enough for
    /// <see cref="Report.MinimumCheckpoints"/> checkpoints, so fewer are needed to smooth out noise.
    /// </summary>
    public int CheckpointingRepeats => options.Smoke ? 1 : options.Quick ? 2 : 3;

    /// <summary>
    /// Records for a checkpointing run to last at least <paramref name="duration"/>, given the rate measured
    /// without checkpoints (checkpoints only slow a run down, so it lasts at least that long). A smoke run
    /// keeps its tiny record count.
    /// </summary>
    public long RecordsLasting(TimeSpan duration, double recordsPerSecondWithoutCheckpoints)
        => options.Smoke ? options.Records : Math.Max(options.Records, (long)Math.Ceiling(recordsPerSecondWithoutCheckpoints * duration.TotalSeconds));
}
