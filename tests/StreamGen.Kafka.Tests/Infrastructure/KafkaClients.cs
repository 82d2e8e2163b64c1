using Confluent.Kafka;

namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>
/// Clients tuned for fast tests on either broker: short fetch waits (the mock answers an
/// empty Fetch only after fetch.wait.max.ms) and timeouts that fail a test in seconds.
/// </summary>
public static class KafkaClients
{
    /// <summary>How long a test waits for any single broker operation.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A plain (idempotent) producer.</summary>
    public static IProducer<string, string> Producer(string bootstrapServers) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            LingerMs = 1,
            EnableIdempotence = true,
            MessageTimeoutMs = (int)OperationTimeout.TotalMilliseconds,
        }).Build();

    /// <summary>A transactional producer; call InitTransactions before use.</summary>
    public static IProducer<string, string> TransactionalProducer(string bootstrapServers, string transactionalId) =>
        new ProducerBuilder<string, string>(TransactionalProducerConfig(bootstrapServers, transactionalId)).Build();

    /// <summary>
    /// A transactional producer a test expects to be fenced: its fatal-error log lines
    /// would only alarm whoever reads the test output.
    /// </summary>
    public static IProducer<string, string> DoomedTransactionalProducer(ProducerConfig config) =>
        new ProducerBuilder<string, string>(config).SetLogHandler((_, _) => { }).Build();

    /// <summary>The configuration of <see cref="TransactionalProducer"/>.</summary>
    public static ProducerConfig TransactionalProducerConfig(string bootstrapServers, string transactionalId) => new()
    {
        BootstrapServers = bootstrapServers,
        TransactionalId = transactionalId,
        LingerMs = 1,
        TransactionTimeoutMs = 30_000,
        MessageTimeoutMs = (int)OperationTimeout.TotalMilliseconds,
    };

    /// <summary>A consumer for manual assignment (no group membership, no commits).</summary>
    public static IConsumer<string, string> Consumer(string bootstrapServers, IsolationLevel isolation, string? groupId = null) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId ?? KafkaFixture.UniqueName("reader"),
            IsolationLevel = isolation,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 20,
            SessionTimeoutMs = 6_000,
        }).Build();

    /// <summary>
    /// Reads what read_committed readers see once every transaction on <paramref name="topic"/> has ended.
    /// A real broker answers CommitTransaction before it has written the commit markers, so a read right after
    /// a commit can stop short at the last stable offset; this waits until that offset reached the high
    /// watermark (no transaction pending) on every partition, then reads.
    /// </summary>
    public static IReadOnlyList<string> ReadAllCommitted(string bootstrapServers, string topic, int partitions = 1)
    {
        using (var committed = Consumer(bootstrapServers, IsolationLevel.ReadCommitted))
        using (var uncommitted = Consumer(bootstrapServers, IsolationLevel.ReadUncommitted))
        {
            var deadline = DateTime.UtcNow + OperationTimeout;
            for (var p = 0; p < partitions; p++)
            {
                var partition = new TopicPartition(topic, p);
                while (true)
                {
                    // ListOffsets carries the client's isolation level: read_committed answers the last stable offset.
                    var stable = committed.QueryWatermarkOffsets(partition, OperationTimeout).High;
                    var high = uncommitted.QueryWatermarkOffsets(partition, OperationTimeout).High;
                    if (stable >= high)
                    {
                        break;
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"{topic}[{p}]: the last stable offset {stable} did not reach the high watermark {high} within {OperationTimeout}.");
                    }

                    Thread.Sleep(50);
                }
            }
        }

        return ReadAll(bootstrapServers, topic, IsolationLevel.ReadCommitted, partitions);
    }

    /// <summary>
    /// The offset of <paramref name="partition"/> committed for <paramref name="groupId"/>, once stable: a
    /// read_committed consumer asks the broker to withhold offsets a transaction has pending (KIP-447), and a real
    /// broker makes a transaction's offsets visible only after it wrote the markers, after answering the commit.
    /// </summary>
    public static Offset StableCommitted(string bootstrapServers, string groupId, TopicPartition partition)
    {
        using var consumer = Consumer(bootstrapServers, IsolationLevel.ReadCommitted, groupId);
        return Assert.Single(consumer.Committed([partition], OperationTimeout)).Offset;
    }

    /// <summary>
    /// Reads every partition of <paramref name="topic"/> from the beginning up to its end
    /// (the last stable offset for read_committed) and returns the values in offset order
    /// per partition, partitions in order.
    /// </summary>
    public static IReadOnlyList<string> ReadAll(string bootstrapServers, string topic, IsolationLevel isolation, int partitions = 1)
    {
        using var consumer = Consumer(bootstrapServers, isolation);
        consumer.Assign(Enumerable.Range(0, partitions)
            .Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var byPartition = Enumerable.Range(0, partitions).Select(_ => new List<string>()).ToArray();
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + OperationTimeout;
        while (atEnd.Count < partitions)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Reading {topic} did not reach the end of partitions " +
                    $"{string.Join(", ", Enumerable.Range(0, partitions).Except(atEnd))} within {OperationTimeout}.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
                continue;
            }

            atEnd.Remove(result.Partition.Value);
            byPartition[result.Partition.Value].Add(result.Message.Value);
        }

        return byPartition.SelectMany(values => values).ToList();
    }
}
