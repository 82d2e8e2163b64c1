using Confluent.Kafka;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class TransactionIsolationTests(KafkaFixture kafka)
{
    [Fact]
    public void ReadCommittedHidesAbortedRecords()
    {
        var topic = kafka.CreateTopic("aborted");
        using (var producer = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("txn")))
        {
            producer.InitTransactions(KafkaClients.OperationTimeout);
            InTransaction(producer, topic, ["a1", "a2"], commit: true);
            InTransaction(producer, topic, ["b1", "b2", "b3"], commit: false);
            InTransaction(producer, topic, ["c1"], commit: true);
        }

        Assert.Equal(["a1", "a2", "c1"], KafkaClients.ReadAllCommitted(kafka.BootstrapServers, topic));
        // The aborted records are in the log: read_committed really filtered them.
        Assert.Equal(
            ["a1", "a2", "b1", "b2", "b3", "c1"],
            KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadUncommitted));
    }

    [Fact]
    public async Task ReadCommittedWaitsBehindAnOpenTransaction()
    {
        var topic = kafka.CreateTopic("open-txn");
        using var open = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("open"));
        using var later = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("later"));
        open.InitTransactions(KafkaClients.OperationTimeout);
        later.InitTransactions(KafkaClients.OperationTimeout);

        open.BeginTransaction();
        await open.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "first-open" });
        // Committed, but after the open transaction's first offset: held back too.
        InTransaction(later, topic, ["second-committed"], commit: true);

        using var consumer = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadCommitted);
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var seenWhileOpen = ConsumeFor(consumer, TimeSpan.FromSeconds(1.5));
        Assert.Empty(seenWhileOpen);
        Assert.Equal(
            ["first-open", "second-committed"],
            KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadUncommitted));

        open.CommitTransaction(KafkaClients.OperationTimeout);

        var seenAfterCommit = new List<string>();
        var deadline = DateTime.UtcNow + KafkaClients.OperationTimeout;
        while (seenAfterCommit.Count < 2 && DateTime.UtcNow < deadline)
        {
            seenAfterCommit.AddRange(ConsumeFor(consumer, TimeSpan.FromMilliseconds(200)));
        }

        Assert.Equal(["first-open", "second-committed"], seenAfterCommit);
    }

    internal static void InTransaction(IProducer<string, string> producer, string topic, IEnumerable<string> values, bool commit)
    {
        producer.BeginTransaction();
        foreach (var value in values)
        {
            producer.Produce(topic, new Message<string, string> { Key = "k", Value = value });
        }

        if (commit)
        {
            producer.CommitTransaction(KafkaClients.OperationTimeout);
        }
        else
        {
            // Flush first so the aborted records really reach the log.
            producer.Flush(KafkaClients.OperationTimeout);
            producer.AbortTransaction(KafkaClients.OperationTimeout);
        }
    }

    private static List<string> ConsumeFor(IConsumer<string, string> consumer, TimeSpan duration)
    {
        var values = new List<string>();
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { IsPartitionEOF: false } result)
            {
                values.Add(result.Message.Value);
            }
        }

        return values;
    }
}
