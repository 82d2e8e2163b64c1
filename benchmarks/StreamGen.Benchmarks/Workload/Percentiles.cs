namespace StreamGen.Benchmarks.Workload;

/// <summary>Percentiles by the nearest-rank method.</summary>
internal static class Percentiles
{
    public static double Of(double[] values, double percentile)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
