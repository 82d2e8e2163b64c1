namespace StreamGen.Kafka;

/// <summary>Settings of a Kafka source.</summary>
public sealed class KafkaSourceOptions
{
    /// <summary>The topics to read.</summary>
    public IList<string> Topics { get; } = new List<string>();

    /// <summary>Consumer group for committed offsets (start position without a checkpoint, and lag monitoring). Default: the job name.</summary>
    public string? GroupId { get; set; }

    /// <summary>Start position of partitions with neither a checkpointed nor a committed offset.</summary>
    public StartingOffsets StartingOffsets { get; set; } = StartingOffsets.Earliest;

    /// <summary>How often to look for partitions added to the topics; <see cref="TimeSpan.Zero"/> disables discovery.</summary>
    public TimeSpan PartitionDiscoveryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Commit the offsets of each completed checkpoint to the consumer group (monitoring only; recovery uses the checkpoint).</summary>
    public bool CommitOffsetsOnCheckpoints { get; set; } = true;

    /// <summary>What to do with records that cannot be deserialized.</summary>
    public DeserializationErrorHandling OnDeserializationError { get; set; } = DeserializationErrorHandling.Fail;

    /// <summary>Topic for <see cref="DeserializationErrorHandling.DeadLetter"/>.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Client properties for this source only (override the cluster's).</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long the consumer may be unable to reach any broker before the source reports itself unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}
