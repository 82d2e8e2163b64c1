namespace StreamGen.Kafka;

/// <summary>What a Kafka sink guarantees for a <c>read_committed</c> reader of its topic.</summary>
public enum DeliveryGuarantee
{
    /// <summary>Follow the job: exactly-once in <c>ExactlyOnce</c> checkpointing mode, else at-least-once.</summary>
    Default,

    /// <summary>Flush on every barrier: nothing is lost, records after the last checkpoint may repeat after a failure.</summary>
    AtLeastOnce,

    /// <summary>Kafka transactions committed on checkpoint completion (docs/exactly-once.md).</summary>
    ExactlyOnce,
}
