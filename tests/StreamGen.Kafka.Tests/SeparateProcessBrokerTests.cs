using Confluent.Kafka;
using StreamGen.Kafka.Tests.CrashClient;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class SeparateProcessBrokerTests(KafkaFixture kafka)
{
    [Fact]
    public void BrokerSurvivesAKilledClientAndItsOpenTransactionIsAbortedByTheSuccessor()
    {
        var broker = kafka.StartSeparateProcessBroker();
        // Only the child process is ours to stop; a real broker is the shared fixture.
        using var _ = broker as SeparateProcessKafkaBroker;
        if (broker is SeparateProcessKafkaBroker process)
        {
            Assert.Equal($"127.0.0.1:{process.Port}", process.BootstrapServers);
        }

        var topic = broker.CreateTopic("crash");
        var transactionalId = KafkaFixture.UniqueName("txn");
        using (var client = CrashClientProcess.StartAndWaitFor(
                   CrashClientProgram.ReadyLine,
                   TimeSpan.FromSeconds(60),
                   "open-transaction",
                   broker.BootstrapServers,
                   topic,
                   transactionalId))
        {
            client.Kill();
        }

        if (broker is SeparateProcessKafkaBroker stillThere)
        {
            Assert.True(stillThere.IsRunning, "the broker process died with its client");
        }

        // The restarted job: same transactional.id, so InitTransactions aborts the orphan.
        using (var successor = KafkaClients.TransactionalProducer(broker.BootstrapServers, transactionalId))
        {
            successor.InitTransactions(KafkaClients.OperationTimeout);
            TransactionIsolationTests.InTransaction(successor, topic, ["after-crash"], commit: true);
        }

        Assert.Equal(
            [CrashClientProgram.CommittedValue, "after-crash"],
            KafkaClients.ReadAllCommitted(broker.BootstrapServers, topic));
        Assert.Equal(
            [CrashClientProgram.CommittedValue, CrashClientProgram.InFlightValue, "after-crash"],
            KafkaClients.ReadAll(broker.BootstrapServers, topic, IsolationLevel.ReadUncommitted));
    }
}
