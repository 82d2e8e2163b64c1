namespace StreamGen.Benchmarks.Harness;

/// <summary>A target of the issue, judged on this run's figures.</summary>
internal sealed class TargetResult
{
    public required string Target { get; init; }

    /// <summary>The figure judged; null when it was not measured (missing or NaN).</summary>
    public required double? Actual { get; init; }

    /// <summary><c>&gt;=</c> or <c>&lt;=</c>.</summary>
    public required string Comparison { get; init; }

    public required double Threshold { get; init; }

    public required string Unit { get; init; }

    /// <summary>Checkpoints the figure rests on, for targets about checkpointing runs.</summary>
    public int? Checkpoints { get; init; }

    /// <summary>Why the target was not judged; null when it was.</summary>
    public string? NotMeasuredReason { get; init; }

    /// <summary><c>met</c>, <c>missed</c> or <c>not measured</c>: a figure that is missing, NaN or rests on too few checkpoints is never met.</summary>
    public string Verdict => NotMeasuredReason is not null ? "not measured" : Met ? "met" : "missed";

    public bool Met => NotMeasuredReason is null && Actual is { } actual && (Comparison == ">=" ? actual >= Threshold : actual <= Threshold);
}
