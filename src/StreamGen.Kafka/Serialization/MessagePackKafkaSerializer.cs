using System.Buffers;
using Confluent.Kafka;
using StreamGen.Serialization;

namespace StreamGen.Kafka.Serialization;

/// <summary>
/// MessagePack payloads through an <see cref="IMessagePackSerializer{T}"/>, usually the one the StreamGen generator
/// writes for a <see cref="MessagePackSerializableAttribute"/> type (no reflection, trimming-safe).
/// </summary>
/// <remarks>
/// Serialization writes into a per-thread reusable buffer and copies the result out, so a message costs one
/// allocation of its own size; the buffer is dropped after a message larger than 1 MiB rather than kept.
/// </remarks>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class MessagePackKafkaSerializer<T> : ISerializer<T>, IDeserializer<T>
{
    private const int RetainedBufferLimit = 1024 * 1024;

    // Per thread rather than per instance: Confluent calls serializers from any producing thread.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly IMessagePackSerializer<T> _serializer;

    /// <summary>Creates a Kafka serializer and deserializer over <paramref name="serializer"/>.</summary>
    /// <param name="serializer">Writes and reads the payload, e.g. <c>OrderMessagePackSerializer.Instance</c>.</param>
    public MessagePackKafkaSerializer(IMessagePackSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
    }

    /// <inheritdoc />
    public byte[] Serialize(T data, SerializationContext context)
    {
        // Taken out of the slot while in use, so a serializer that (oddly) produces from inside Serialize
        // gets a buffer of its own instead of overwriting this one.
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(256);
        t_buffer = null;
        try
        {
            var writer = new MessagePackWriter(buffer);
            _serializer.Serialize(ref writer, data);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= RetainedBufferLimit)
            {
                buffer.ResetWrittenCount();
                t_buffer = buffer;
            }
        }
    }

    /// <inheritdoc />
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            throw new InvalidDataException($"A null {context.Component} cannot be deserialized as MessagePack {typeof(T).Name}.");
        }

        var reader = new MessagePackReader(data);
        var value = _serializer.Deserialize(ref reader);
        if (!reader.End)
        {
            throw new InvalidDataException(
                $"The {context.Component} is not one MessagePack {typeof(T).Name}: {data.Length - reader.Position} bytes follow the value, which ends at byte {reader.Position}.");
        }

        return value ?? throw new InvalidDataException($"MessagePack nil is not a valid {typeof(T).Name}.");
    }
}
