namespace StreamGen.Hosting.Configuration;

/// <summary>One entry of the <c>StreamGen:Operators</c> section, keyed by the operator's uid (<c>.Uid("…")</c>).</summary>
public sealed class OperatorOptions
{
    /// <summary>The operator's parallelism, overriding the one in code (rescaling without a code change).</summary>
    public int? Parallelism { get; set; }
}
