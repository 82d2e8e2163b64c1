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
    public int Repeats => options.Quick ? 3 : 5;
}
