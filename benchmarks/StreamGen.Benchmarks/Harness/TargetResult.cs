namespace StreamGen.Benchmarks.Harness;

/// <summary>A target of the issue, judged on this run's figures.</summary>
internal sealed class TargetResult
{
    public required string Target { get; init; }

    public required double Actual { get; init; }

    /// <summary><c>&gt;=</c> or <c>&lt;=</c>.</summary>
    public required string Comparison { get; init; }

    public required double Threshold { get; init; }

    public required string Unit { get; init; }

    public bool Met => Comparison == ">=" ? Actual >= Threshold : Actual <= Threshold;
}
