namespace StreamGen.Kafka;

/// <summary>What the Kafka source does with a record it cannot deserialize.</summary>
public enum DeserializationErrorHandling
{
    /// <summary>Fail the job with the topic, partition and offset in the error (default: nothing is lost silently).</summary>
    Fail,

    /// <summary>Skip the record and count it (metric <c>streamgen.kafka.source.skipped</c>).</summary>
    Skip,

    /// <summary>Copy the raw record, with the error in its headers, to <see cref="KafkaSourceOptions.DeadLetterTopic"/>.</summary>
    DeadLetter,
}
