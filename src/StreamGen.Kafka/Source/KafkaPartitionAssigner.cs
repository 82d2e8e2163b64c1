using StreamGen.State;

namespace StreamGen.Kafka.Source;

/// <summary>
/// Assigns partitions to source subtasks without consumer-group rebalancing: a stable hash of the
/// topic picks the subtask of partition 0 and the topic's partitions follow round-robin, so partitions
/// of several topics spread evenly and every process computes the same owner.
/// </summary>
public static class KafkaPartitionAssigner
{
    /// <summary>The subtask that reads <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    public static int Owner(string topic, int partition, int parallelism)
    {
        var start = (int)(((uint)KeyGroups.StableHash(topic) * 31u & 0x7FFFFFFFu) % (uint)parallelism);
        return (start + partition) % parallelism;
    }
}
