namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen:RestartStrategy</c> section.</summary>
public sealed class RestartStrategyOptions
{
    /// <summary>The strategy.</summary>
    public RestartStrategyKind Type { get; set; } = RestartStrategyKind.ExponentialBackoff;

    /// <summary>Restarts allowed before the job fails for good.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay of <see cref="RestartStrategyKind.FixedDelay"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay of <see cref="RestartStrategyKind.ExponentialBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest delay of <see cref="RestartStrategyKind.ExponentialBackoff"/>.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Growth factor of <see cref="RestartStrategyKind.ExponentialBackoff"/>.</summary>
    public double Multiplier { get; set; } = 2.0;
}
