using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace StreamGen.Kafka.Serialization;

/// <summary>
/// System.Text.Json payloads through source-generated <see cref="JsonTypeInfo{T}"/> (no reflection, trimming-safe).
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class JsonKafkaSerializer<T>(JsonTypeInfo<T> typeInfo) : ISerializer<T>, IDeserializer<T>
{
    /// <inheritdoc />
    public byte[] Serialize(T data, SerializationContext context)
        => JsonSerializer.SerializeToUtf8Bytes(data, typeInfo);

    /// <inheritdoc />
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            throw new InvalidDataException($"A null {context.Component} cannot be deserialized as JSON {typeof(T).Name}.");
        }

        return JsonSerializer.Deserialize(data, typeInfo)
            ?? throw new InvalidDataException($"JSON 'null' is not a valid {typeof(T).Name}.");
    }
}
