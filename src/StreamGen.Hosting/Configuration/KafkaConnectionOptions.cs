namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen:Kafka</c> section.</summary>
public sealed class KafkaConnectionOptions
{
    /// <summary>Comma-separated <c>host:port</c> list (<c>StreamGen__Kafka__BootstrapServers</c>).</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>librdkafka client properties passed through to every client: <c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>, ….</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);
}
