namespace StreamGen.Recovery;

/// <summary>Decides whether and when a failed job restarts from its latest complete checkpoint.</summary>
public abstract class RestartStrategy
{
    /// <summary>Never restart: the first failure fails the job.</summary>
    public static RestartStrategy None { get; } = new NoRestart();

    /// <summary>Restarts up to <paramref name="maxAttempts"/> times, waiting <paramref name="delay"/> before each.</summary>
    public static RestartStrategy FixedDelay(int maxAttempts, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new FixedDelayRestart(maxAttempts, delay);
    }

    /// <summary>
    /// Restarts up to <paramref name="maxAttempts"/> times; the delay starts at <paramref name="initialDelay"/>
    /// and is multiplied by <paramref name="multiplier"/> after each restart, up to <paramref name="maxDelay"/>.
    /// </summary>
    public static RestartStrategy ExponentialBackoff(TimeSpan initialDelay, TimeSpan maxDelay, double multiplier = 2.0, int maxAttempts = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAttempts);
        return new ExponentialBackoffRestart(initialDelay, maxDelay, multiplier, maxAttempts);
    }

    /// <summary>The delay before restart number <paramref name="restartNumber"/> (1 for the first restart), or <see langword="null"/> to give up.</summary>
    public abstract TimeSpan? GetDelay(int restartNumber);

    private sealed class NoRestart : RestartStrategy
    {
        public override TimeSpan? GetDelay(int restartNumber) => null;

        public override string ToString() => "none";
    }

    private sealed class FixedDelayRestart(int maxAttempts, TimeSpan delay) : RestartStrategy
    {
        public override TimeSpan? GetDelay(int restartNumber) => restartNumber <= maxAttempts ? delay : null;

        public override string ToString() => $"fixed delay ({maxAttempts} attempts, {delay.TotalMilliseconds} ms)";
    }

    private sealed class ExponentialBackoffRestart(TimeSpan initialDelay, TimeSpan maxDelay, double multiplier, int maxAttempts) : RestartStrategy
    {
        public override TimeSpan? GetDelay(int restartNumber)
        {
            if (restartNumber > maxAttempts)
            {
                return null;
            }

            var ticks = initialDelay.Ticks * Math.Pow(multiplier, restartNumber - 1);
            return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
        }

        public override string ToString() => $"exponential backoff ({initialDelay.TotalMilliseconds} ms x{multiplier} up to {maxDelay.TotalMilliseconds} ms, {maxAttempts} attempts)";
    }
}
