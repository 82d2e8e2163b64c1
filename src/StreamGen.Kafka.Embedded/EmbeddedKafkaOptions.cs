namespace StreamGen.Kafka.Embedded;

/// <summary>Settings of an <see cref="EmbeddedKafkaCluster"/>.</summary>
public sealed record EmbeddedKafkaOptions
{
    /// <summary>Number of brokers; 1 is enough unless a test moves partition leaders.</summary>
    public int BrokerCount { get; init; } = 1;

    /// <summary>
    /// Fixed loopback port of broker 1; broker <c>n</c> listens on <c>Port + n - 1</c>.
    /// <see langword="null"/> (the default) lets the kernel pick free ports.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>
    /// Bytes of log each partition keeps before dropping its oldest batches; 0 keeps
    /// everything. The default, 1 GiB, is far above what a test writes.
    /// </summary>
    public long PartitionRetentionBytes { get; init; } = 1L << 30;

    /// <summary>
    /// How long a new consumer group waits for more members before its first rebalance.
    /// Kafka's default is 3 s; zero keeps group tests fast.
    /// </summary>
    public TimeSpan GroupInitialRebalanceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>librdkafka debug contexts for the broker's log on stderr, e.g. <c>mock</c>.</summary>
    public string? Debug { get; init; }
}
