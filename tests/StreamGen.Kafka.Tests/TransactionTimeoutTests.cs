using Confluent.Kafka;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class TransactionTimeoutTests(KafkaFixture kafka)
{
    [Fact]
    public async Task TheBrokerAbortsATransactionLeftOpenPastItsTimeout()
    {
        var topic = kafka.CreateTopic("txn-timeout");
        var config = KafkaClients.TransactionalProducerConfig(kafka.BootstrapServers, KafkaFixture.UniqueName("abandoned"));
        config.TransactionTimeoutMs = 2_000;
        config.MessageTimeoutMs = 2_000;
        config.SocketTimeoutMs = 2_000;
        using var abandoned = KafkaClients.DoomedTransactionalProducer(config);
        abandoned.InitTransactions(KafkaClients.OperationTimeout);
        abandoned.BeginTransaction();
        await abandoned.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "abandoned" });

        using (var later = KafkaClients.TransactionalProducer(kafka.BootstrapServers, KafkaFixture.UniqueName("later")))
        {
            later.InitTransactions(KafkaClients.OperationTimeout);
            TransactionIsolationTests.InTransaction(later, topic, ["later"], commit: true);
        }

        // Held back behind the open transaction until the broker aborts it (a real broker
        // looks for timed-out transactions every 10 s by default).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<string> visible;
        do
        {
            visible = KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadCommitted);
        }
        while (visible.Count == 0 && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(["later"], visible);
        Assert.ThrowsAny<KafkaException>(() => abandoned.CommitTransaction(KafkaClients.OperationTimeout));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
