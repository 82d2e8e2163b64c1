using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamGen.Kafka.Client;

/// <summary>
/// The error and log handlers of one librdkafka client, and its connection health. Every client the connectors
/// create goes through here, so none writes raw librdkafka lines to stderr (Confluent.Kafka's default without a log
/// handler) and a broker outage costs a few rate-limited log lines, not dozens a second.
/// <para>
/// Health follows the connection, not data: librdkafka's <c>ALL_BROKERS_DOWN</c> error marks the client down;
/// while down, a metadata request through the client's own handle every <see cref="ProbeInterval"/> checks whether a
/// broker answers again and marks it up. An idle pipeline so becomes healthy after an outage, and a short blip clears
/// within one probe although no record moves.
/// </para>
/// </summary>
internal sealed class KafkaClientDiagnostics : IDisposable
{
    /// <summary>How often a client that reached no broker asks for metadata to learn that one is back.</summary>
    internal static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly string _client;
    private readonly string _probeTopic;
    private readonly bool _reportsHealth;
    private readonly TimeSpan? _unhealthyAfter;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _rateLimiter = new(TimeSpan.FromSeconds(30));
    private readonly Lock _probeLock = new();
    private readonly Timer _probeTimer;
    private IAdminClient? _admin;
    private bool _down;
    private bool _disposed;

    /// <param name="logger">Where the client's errors and log lines go.</param>
    /// <param name="client">The client's name in logs and health reports.</param>
    /// <param name="probeTopic">A topic the client uses: the probe asks for its metadata only (cheap on big clusters).</param>
    /// <param name="reportsHealth">
    /// Whether the client counts for the job's health. Helper clients that hold no connection of their own between
    /// uses (marker readers, fencing producers) only log.
    /// </param>
    /// <param name="unhealthyAfter">How long the client may reach no broker before it counts as unhealthy; null: the host's default.</param>
    public KafkaClientDiagnostics(ILogger logger, string client, string probeTopic, bool reportsHealth = true, TimeSpan? unhealthyAfter = null)
    {
        _unhealthyAfter = unhealthyAfter;
        _logger = logger;
        _client = client;
        _probeTopic = probeTopic;
        _reportsHealth = reportsHealth;
        _probeTimer = new Timer(_ => Probe(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Installs the handlers on a producer builder.</summary>
    public ProducerBuilder<TKey, TValue> Install<TKey, TValue>(ProducerBuilder<TKey, TValue> builder) =>
        builder.SetErrorHandler((_, error) => OnError(error)).SetLogHandler((_, message) => OnLog(message));

    /// <summary>Installs the handlers on a consumer builder.</summary>
    public ConsumerBuilder<TKey, TValue> Install<TKey, TValue>(ConsumerBuilder<TKey, TValue> builder) =>
        builder.SetErrorHandler((_, error) => OnError(error)).SetLogHandler((_, message) => OnLog(message));

    /// <summary>Starts watching the built client's connection.</summary>
    public void Attach(IClient client)
    {
        if (_reportsHealth)
        {
            _admin = new DependentAdminClientBuilder(client.Handle).Build();
        }
    }

    /// <summary>A request of the connector failed because no broker answered (e.g. a metadata timeout).</summary>
    public void ReportUnreachable(string reason) => MarkDown(reason);

    internal void OnError(Error error)
    {
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            MarkDown(error.Reason);
        }

        if (error.IsFatal)
        {
            _logger.LogError("Fatal Kafka error in {Client}: {Code}: {Reason}", _client, error.Code, error.Reason);
        }
        else if (_rateLimiter.ShouldLog(error.Code.ToString(), out var suppressed))
        {
            _logger.LogWarning("Kafka error in {Client} (librdkafka retries): {Code}: {Reason}{Suppressed}", _client, error.Code, error.Reason, Suppressed(suppressed));
        }
    }

    internal void OnLog(LogMessage message)
    {
        // librdkafka reports every failure it logs at warning level and above through the error handler too;
        // its log lines are detail for whoever debugs, at most one per facility per window.
        var level = message.Level <= SyslogLevel.Warning ? LogLevel.Information : LogLevel.Debug;
        if (_logger.IsEnabled(level) && _rateLimiter.ShouldLog(message.Facility, out var suppressed))
        {
            _logger.Log(level, "librdkafka {Client} {Facility}: {Message}{Suppressed}", _client, message.Facility, message.Message, Suppressed(suppressed));
        }
    }

    /// <summary>Logs background offset commits that failed (rate-limited: while the brokers are down every attempt fails).</summary>
    internal void OnCommitted(CommittedOffsets committed, string group)
    {
        var failed = committed.Error.IsError ? committed.Error : committed.Offsets.Select(o => o.Error).FirstOrDefault(e => e.IsError);
        if (failed is not null && _rateLimiter.ShouldLog("commit", out var suppressed))
        {
            _logger.LogWarning("Kafka client {Client} could not commit offsets to group {Group}: {Code}: {Reason}{Suppressed}", _client, group, failed.Code, failed.Reason, Suppressed(suppressed));
        }
    }

    public void Dispose()
    {
        lock (_probeLock)
        {
            // Under the lock: a probe running on the client's handle finishes before the handle can be destroyed.
            _disposed = true;
            _probeTimer.Dispose();
            _admin?.Dispose();
        }

        if (_reportsHealth)
        {
            KafkaHealth.ReportUp(_client);
        }
    }

    private void MarkDown(string reason)
    {
        if (!_reportsHealth)
        {
            return;
        }

        lock (_probeLock)
        {
            if (_disposed)
            {
                return;
            }

            KafkaHealth.ReportDown(_client, reason, _unhealthyAfter);
            if (!_down)
            {
                _down = true;
                _probeTimer.Change(ProbeInterval, ProbeInterval);
            }
        }
    }

    private void Probe()
    {
        lock (_probeLock)
        {
            if (_disposed || !_down || _admin is null)
            {
                return;
            }

            try
            {
                // Any answer (even "unknown topic") proves that a broker is reachable again.
                _admin.GetMetadata(_probeTopic, ProbeTimeout);
            }
            catch (KafkaException)
            {
                return;
            }

            _down = false;
            _probeTimer.Change(Timeout.Infinite, Timeout.Infinite);
            KafkaHealth.ReportUp(_client);
        }

        _logger.LogInformation("Kafka client {Client} reaches a broker again", _client);
    }

    private static string Suppressed(int count) => count > 0 ? $" ({count} similar messages suppressed)" : "";
}
