using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamGen.Kafka.Embedded;

namespace FraudDetection;

/// <summary>The sample's topics, unique per run so it can run repeatedly against a real cluster.</summary>
internal sealed record Topics(string Transactions, string Alerts, string DeadLetters)
{
    public async Task CreateAsync(EmbeddedKafkaCluster? embedded, string bootstrap)
    {
        string[] all = [Transactions, Alerts, DeadLetters];
        if (embedded is not null)
        {
            foreach (var topic in all)
            {
                embedded.CreateTopic(topic, partitions: 4);
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.CreateTopicsAsync(all.Select(t => new TopicSpecification { Name = t, NumPartitions = 4, ReplicationFactor = -1 }));
    }
}
