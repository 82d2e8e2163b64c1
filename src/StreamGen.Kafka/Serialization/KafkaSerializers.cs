using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace StreamGen.Kafka.Serialization;

/// <summary>Serializers for common payloads.</summary>
public static class KafkaSerializers
{
    /// <summary>UTF-8 strings.</summary>
    public static ISerializer<string> Utf8 => Serializers.Utf8;

    /// <summary>UTF-8 strings; a null payload fails (it is not a string).</summary>
    public static IDeserializer<string> Utf8Deserializer { get; } = new StrictUtf8();

    /// <summary>Raw bytes, unchanged.</summary>
    public static ISerializer<byte[]> Bytes => Serializers.ByteArray;

    /// <summary>Raw bytes, unchanged.</summary>
    public static IDeserializer<byte[]> BytesDeserializer => Deserializers.ByteArray;

    /// <summary>System.Text.Json with a source-generated <see cref="JsonTypeInfo{T}"/>.</summary>
    public static JsonKafkaSerializer<T> Json<T>(JsonTypeInfo<T> typeInfo) => new(typeInfo);

    /// <summary>
    /// MessagePack with a generated serializer: mark the payload type <c>[MessagePackSerializable]</c> and pass
    /// <c>KafkaSerializers.MessagePack(OrderMessagePackSerializer.Instance)</c>.
    /// </summary>
    public static MessagePackKafkaSerializer<T> MessagePack<T>(StreamGen.Serialization.IMessagePackSerializer<T> serializer) => new(serializer);

    private sealed class StrictUtf8 : IDeserializer<string>
    {
        private static readonly System.Text.UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
            => isNull ? throw new InvalidDataException($"A null {context.Component} is not a string.") : Encoding.GetString(data);
    }
}
