namespace StreamGen.Kafka.Source;

/// <summary>A source record could not be deserialized and the source is configured to fail.</summary>
public sealed class KafkaDeserializationException(string message, string topic, int partition, long offset, Exception inner)
    : Exception(message, inner)
{
    /// <summary>The record's topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The record's partition.</summary>
    public int Partition { get; } = partition;

    /// <summary>The record's offset.</summary>
    public long Offset { get; } = offset;
}
