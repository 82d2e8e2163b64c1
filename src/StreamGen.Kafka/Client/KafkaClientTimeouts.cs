namespace StreamGen.Kafka.Client;

/// <summary>
/// Bounds of the connectors' blocking Kafka calls on shutdown. A job stopping while the brokers are unreachable must
/// finish within the host's shutdown timeout (30 s by default) with all its subtasks closing in parallel; librdkafka
/// would otherwise wait out its own request timeouts (up to a minute) for every flush, abort and commit.
/// Nothing needs these calls to succeed: what they leave undone the next start fences or replays.
/// </summary>
internal static class KafkaClientTimeouts
{
    /// <summary>The whole close of one source reader or sink writer: flushes, aborts, leaving.</summary>
    public static readonly TimeSpan Close = TimeSpan.FromSeconds(5);

    /// <summary>What is left of a budget that ends at <paramref name="deadline"/> (a short minimum, so a call can still try).</summary>
    public static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > MinimumAttempt ? left : MinimumAttempt;
    }

    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromMilliseconds(100);
}
