using System.Collections.Concurrent;

namespace StreamGen.Kafka;

/// <summary>
/// Connectivity of the job's Kafka clients. librdkafka retries an unreachable broker forever; this records
/// since when each client has been unable to reach any broker so the host's health check can report the
/// job unhealthy after a bounded time while the clients keep retrying (no records are lost meanwhile).
/// A client is down from librdkafka's "all brokers down" error until a broker answers it again (a metadata
/// request every 2 s while down), whether or not records move.
/// </summary>
public static class KafkaHealth
{
    private static readonly ConcurrentDictionary<string, (DateTimeOffset Since, string Error, TimeSpan? UnhealthyAfter)> Down = new();

    /// <summary>
    /// The clients that have been unable to reach any broker for longer than their own limit
    /// (<see cref="KafkaSourceOptions.UnhealthyAfter"/> for a source's consumer), or than <paramref name="threshold"/>
    /// for clients that declare none.
    /// </summary>
    public static IReadOnlyList<string> UnreachableLongerThan(TimeSpan threshold)
    {
        var now = DateTimeOffset.UtcNow;
        return Down.Where(d => now - d.Value.Since > (d.Value.UnhealthyAfter ?? threshold))
            .Select(d => $"{d.Key}: no broker reachable since {d.Value.Since:O} ({d.Value.Error})")
            .ToList();
    }

    internal static void ReportDown(string client, string error, TimeSpan? unhealthyAfter = null)
        => Down.TryAdd(client, (DateTimeOffset.UtcNow, error, unhealthyAfter));

    internal static void ReportUp(string client)
    {
        if (!Down.IsEmpty)
        {
            Down.TryRemove(client, out _);
        }
    }
}
