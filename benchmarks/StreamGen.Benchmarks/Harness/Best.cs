namespace StreamGen.Benchmarks.Harness;

/// <summary>Best-of-N bookkeeping.</summary>
internal static class Best
{
    public static T Of<T>(T? current, T candidate, Func<T, double> score)
        where T : class
        => current is null || score(candidate) > score(current) ? candidate : current;
}
