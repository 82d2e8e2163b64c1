namespace StreamGen.Benchmarks.Workload;

/// <summary>The System.Text.Json counterpart of <see cref="KeyStatistics"/>' per-key state.</summary>
public struct StatisticsDto
{
    public long Count { get; set; }

    public double Sum { get; set; }

    public double Max { get; set; }

    public DateTime LastSeen { get; set; }
}
