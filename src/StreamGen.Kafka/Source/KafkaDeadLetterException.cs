namespace StreamGen.Kafka.Source;

/// <summary>
/// A record routed to the dead-letter topic could not be written there. The source's position stays before the
/// record (the checkpoint that would have moved past it fails), so the record is read again after a restart.
/// </summary>
public sealed class KafkaDeadLetterException(string message, string deadLetterTopic, string topic, int partition, long offset, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The dead-letter topic that refused the record.</summary>
    public string DeadLetterTopic { get; } = deadLetterTopic;

    /// <summary>The source record's topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The source record's partition.</summary>
    public int Partition { get; } = partition;

    /// <summary>The source record's offset.</summary>
    public long Offset { get; } = offset;
}
