namespace StreamGen.Hosting.Configuration;

/// <summary>Restart strategies.</summary>
public enum RestartStrategyKind
{
    /// <summary>Restart after a fixed delay, up to <see cref="RestartStrategyOptions.MaxAttempts"/> times.</summary>
    FixedDelay,

    /// <summary>Restart after a delay that grows by <see cref="RestartStrategyOptions.Multiplier"/> per attempt.</summary>
    ExponentialBackoff,

    /// <summary>Fail the job on the first task failure.</summary>
    None,
}
