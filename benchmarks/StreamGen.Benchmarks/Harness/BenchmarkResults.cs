namespace StreamGen.Benchmarks.Harness;

/// <summary>Everything one run wrote: machine, command, rows and targets.</summary>
internal sealed class BenchmarkResults
{
    public required Dictionary<string, string> Environment { get; init; }

    public List<ResultRow> Rows { get; } = new();

    public List<TargetResult> Targets { get; } = new();

    public List<string> Errors { get; } = new();
}
