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

    /// <summary>Client properties for this sink only (override the cluster's).</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
