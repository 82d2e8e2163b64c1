namespace StreamGen.Kafka;

/// <summary>Where a source partition starts when neither a checkpoint nor the consumer group has an offset for it.</summary>
public enum StartingOffsets
{
    /// <summary>The oldest retained record.</summary>
    Earliest,

    /// <summary>Only records produced after the job started.</summary>
    Latest,
}
