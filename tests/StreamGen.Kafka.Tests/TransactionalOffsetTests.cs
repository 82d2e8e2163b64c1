using Confluent.Kafka;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class TransactionalOffsetTests(KafkaFixture kafka)
{
    [Fact]
    public void OffsetsSentToATransactionAreCommittedOnlyWhenItCommits()
    {
        var input = kafka.CreateTopic("offsets-in");
        var output = kafka.CreateTopic("offsets-out");
        var group = KafkaFixture.UniqueName("group");
        var partition = new TopicPartition(input, 0);

        // read_uncommitted while the transaction is open: a read_committed reader asks for stable
        // offsets, which a real broker withholds while a transaction holds pending ones. After the
        // commit or abort the stable reader is the right one: the broker answers before the markers.
        using var groupMember = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadUncommitted, group);
        using var producer = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("txn"));
        producer.InitTransactions(KafkaClients.OperationTimeout);

        producer.BeginTransaction();
        producer.Produce(output, new Message<string, string> { Key = "k", Value = "result" });
        producer.SendOffsetsToTransaction(
            [new TopicPartitionOffset(partition, 42)], groupMember.ConsumerGroupMetadata, KafkaClients.OperationTimeout);
        Assert.Equal(Offset.Unset, Committed(groupMember, partition));

        producer.CommitTransaction(KafkaClients.OperationTimeout);
        Assert.Equal(new Offset(42), KafkaClients.StableCommitted(kafka.BootstrapServers, group, partition));

        producer.BeginTransaction();
        producer.Produce(output, new Message<string, string> { Key = "k", Value = "discarded" });
        producer.SendOffsetsToTransaction(
            [new TopicPartitionOffset(partition, 99)], groupMember.ConsumerGroupMetadata, KafkaClients.OperationTimeout);
        producer.AbortTransaction(KafkaClients.OperationTimeout);
        Assert.Equal(new Offset(42), KafkaClients.StableCommitted(kafka.BootstrapServers, group, partition));
    }

    [Fact]
    public void ATransactionOfOffsetsAloneCommitsThem()
    {
        // A checkpoint epoch with no output records still commits its marker offsets.
        var input = kafka.CreateTopic("offsets-only");
        var group = KafkaFixture.UniqueName("group");
        var partition = new TopicPartition(input, 0);
        using var groupMember = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadUncommitted, group);
        using var producer = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("txn"));
        producer.InitTransactions(KafkaClients.OperationTimeout);

        producer.BeginTransaction();
        producer.SendOffsetsToTransaction(
            [new TopicPartitionOffset(partition, 7)], groupMember.ConsumerGroupMetadata, KafkaClients.OperationTimeout);
        producer.CommitTransaction(KafkaClients.OperationTimeout);

        Assert.Equal(new Offset(7), KafkaClients.StableCommitted(kafka.BootstrapServers, group, partition));
    }

    [Fact]
    public async Task AReadCommittedReaderWaitsForOffsetsPendingInAnOpenTransaction()
    {
        // KIP-447: a read_committed consumer asks for stable offsets, so it cannot start
        // from an offset that the open transaction might still replace.
        var input = kafka.CreateTopic("offsets-pending");
        var group = KafkaFixture.UniqueName("group");
        var partition = new TopicPartition(input, 0);
        using var groupMember = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadUncommitted, group);
        using var stableReader = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadCommitted, group);
        using var producer = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("txn"));
        producer.InitTransactions(KafkaClients.OperationTimeout);
        producer.BeginTransaction();
        producer.SendOffsetsToTransaction(
            [new TopicPartitionOffset(partition, 5)], groupMember.ConsumerGroupMetadata, KafkaClients.OperationTimeout);

        var stable = Task.Run(() => Committed(stableReader, partition));
        var first = await Task.WhenAny(stable, Task.Delay(TimeSpan.FromSeconds(1.5)));
        Assert.NotSame(stable, first);

        producer.CommitTransaction(KafkaClients.OperationTimeout);
        Assert.Equal(new Offset(5), await stable);
    }

    private static Offset Committed(IConsumer<string, string> consumer, TopicPartition partition) =>
        Assert.Single(consumer.Committed([partition], KafkaClients.OperationTimeout)).Offset;
}
