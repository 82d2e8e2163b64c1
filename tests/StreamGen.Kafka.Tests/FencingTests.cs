using Confluent.Kafka;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class FencingTests(KafkaFixture kafka)
{
    [Fact]
    public async Task ASecondProducerWithTheSameTransactionalIdFencesTheFirst()
    {
        var topic = kafka.CreateTopic("fencing");
        var transactionalId = KafkaFixture.UniqueName("txn");
        using var zombie = KafkaClients.DoomedTransactionalProducer(
            KafkaClients.TransactionalProducerConfig(kafka.BootstrapServers, transactionalId));
        zombie.InitTransactions(KafkaClients.OperationTimeout);
        zombie.BeginTransaction();
        await zombie.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "zombie" });

        using var successor = KafkaClients.TransactionalProducer(kafka.BootstrapServers, transactionalId);
        successor.InitTransactions(KafkaClients.OperationTimeout);

        var fenced = Assert.ThrowsAny<KafkaException>(() => zombie.CommitTransaction(KafkaClients.OperationTimeout));
        Assert.True(fenced.Error.IsFatal, $"expected a fatal fencing error, got {fenced.Error}");
        Assert.Contains(
            fenced.Error.Code,
            new[] { ErrorCode.Local_Fenced, ErrorCode.ProducerFenced, ErrorCode.InvalidProducerEpoch });

        TransactionIsolationTests.InTransaction(successor, topic, ["successor"], commit: true);
        Assert.Equal(["successor"], KafkaClients.ReadAllCommitted(kafka.BootstrapServers, topic));
        Assert.Equal(
            ["zombie", "successor"],
            KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadUncommitted));
    }
}
