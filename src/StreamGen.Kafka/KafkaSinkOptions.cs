using StreamGen.Checkpointing;

namespace StreamGen.Kafka;

/// <summary>Settings of a Kafka sink.</summary>
public sealed class KafkaSinkOptions
{
    /// <summary>The topic to write.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Delivery guarantee; by default it follows the job's checkpointing mode.</summary>
    public DeliveryGuarantee DeliveryGuarantee { get; set; } = DeliveryGuarantee.Default;

    /// <summary>
    /// Prefix of the sink's transactional ids (<c>&lt;prefix&gt;-&lt;subtask&gt;-&lt;slot&gt;</c>). Must be stable across
    /// restarts and unique per sink in the cluster. Default: <c>&lt;job name&gt;-&lt;operator id&gt;</c>.
    /// </summary>
    public string? TransactionalIdPrefix { get; set; }

    /// <summary>
    /// <c>transaction.timeout.ms</c>: must exceed the checkpoint interval plus the checkpoint timeout, because a
    /// transaction stays open until its checkpoint completes (checked at startup). The default, 15 minutes, is the
    /// broker's default <c>transaction.max.timeout.ms</c> and covers the default 10-minute checkpoint timeout.
    /// </summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Exactly-once only: when the records of the current epoch (kept until its transaction commits, see
    /// docs/exactly-once.md) exceed this many bytes in a sink subtask, the sink asks for a checkpoint before the next
    /// interval. This bounds the sink's share of a checkpoint also while the job catches up after a restart, when an
    /// interval's worth of input can be many times the steady one. Default 16 MiB.
    /// </summary>
    public long MaxEpochBytes { get; set; } = 16L << 20;

    /// <summary>
    /// Exactly-once only: most bytes of records a sink subtask keeps for transactions not yet committed. They pile up
    /// while checkpoints fail (a full disk, a storage outage), and every checkpoint must store them all, so the
    /// checkpoints would only grow; past this limit the sink fails the job instead, which restarts from its last
    /// completed checkpoint (the source replays the rest). Must exceed <see cref="MaxEpochBytes"/>. Default 256 MiB.
    /// </summary>
    public long MaxUncommittedBytes { get; set; } = 256L << 20;

    /// <summary>Client properties for this sink only (override the cluster's).</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Why <see cref="TransactionTimeout"/> cannot work under <paramref name="checkpointing"/>, or <see langword="null"/>.
    /// A transaction stays open from its first record until its checkpoint completes: at least one interval plus the
    /// checkpoint's duration. A broker aborts it after transaction.timeout.ms, which would lose the epoch.
    /// </summary>
    internal string? TransactionTimeoutProblem(string operatorId, CheckpointConfig? checkpointing)
    {
        if (checkpointing is not { Interval: { } interval } || TransactionTimeout > interval + checkpointing.Timeout)
        {
            return null;
        }

        return $"Kafka sink '{operatorId}' for topic '{Topic}': its transaction timeout ({TransactionTimeout}) must exceed " +
            $"the checkpoint interval ({interval}) plus the checkpoint timeout ({checkpointing.Timeout}) (StreamGen:Checkpointing:Interval and StreamGen:Checkpointing:Timeout), " +
            "because a transaction stays open until its checkpoint completes. Raise KafkaSinkOptions.TransactionTimeout " +
            "(within the broker's transaction.max.timeout.ms, 15 minutes by default) or shorten the checkpoint interval or timeout.";
    }
}
