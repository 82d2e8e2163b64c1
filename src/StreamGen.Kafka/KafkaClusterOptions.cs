namespace StreamGen.Kafka;

/// <summary>How to reach a Kafka cluster: bootstrap servers plus any librdkafka client property (SASL, SSL, ...).</summary>
public sealed class KafkaClusterOptions
{
    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>
    /// Client properties passed through to every consumer and producer, e.g. <c>security.protocol</c>,
    /// <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>ssl.ca.location</c>. Connector-specific settings win.
    /// </summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The client configuration: the cluster's properties, then <paramref name="overrides"/> (a connector's own).</summary>
    internal Dictionary<string, string> ToClientConfig(IDictionary<string, string> overrides)
    {
        var config = new Dictionary<string, string>(Properties, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
        };
        foreach (var (key, value) in overrides)
        {
            config[key] = value;
        }

        return config;
    }
}
