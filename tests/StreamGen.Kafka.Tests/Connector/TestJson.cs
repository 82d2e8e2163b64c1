using System.Text.Json.Serialization;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>A JSON payload for deserialization tests.</summary>
/// <param name="Value">A number.</param>
public sealed record Payload(int Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Payload))]
internal sealed partial class TestJson : JsonSerializerContext
{
}
