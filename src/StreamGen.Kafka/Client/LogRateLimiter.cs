using System.Collections.Concurrent;
using System.Diagnostics;

namespace StreamGen.Kafka.Client;

/// <summary>
/// Lets one message per key through per window and counts the rest, so a condition that librdkafka reports on
/// every reconnect attempt (several a second per client while a broker is down) becomes one line per window.
/// </summary>
internal sealed class LogRateLimiter(TimeSpan window)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether to log a message with <paramref name="key"/> now; <paramref name="suppressed"/> counts those swallowed since the last one.</summary>
    public bool ShouldLog(string key, out int suppressed)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            var now = Stopwatch.GetTimestamp();
            if (entry.LoggedAt != 0 && Stopwatch.GetElapsedTime(entry.LoggedAt, now) < window)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LoggedAt = now;
            return true;
        }
    }

    private sealed class Entry
    {
        public long LoggedAt;
        public int Suppressed;
    }
}
