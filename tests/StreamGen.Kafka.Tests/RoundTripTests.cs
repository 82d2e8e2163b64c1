using Confluent.Kafka;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class RoundTripTests(KafkaFixture kafka)
{
    [Fact]
    public async Task RecordsComeBackInOrderPerPartition()
    {
        const int partitions = 3;
        var topic = kafka.CreateTopic("round-trip", partitions);
        using (var producer = KafkaClients.Producer(kafka.BootstrapServers))
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(
                    new TopicPartition(topic, i % partitions),
                    new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            await Task.Run(() => producer.Flush(KafkaClients.OperationTimeout));
        }

        var values = KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadUncommitted, partitions);

        var expected = Enumerable.Range(0, partitions)
            .SelectMany(p => Enumerable.Range(0, 300).Where(i => i % partitions == p).Select(i => $"v{i}"));
        Assert.Equal(expected, values);
    }

    [Fact]
    public void PartitionKeepsFarMoreThanFiveMebibytes()
    {
        // The unpatched mock dropped a partition's oldest batches beyond ~5 MiB.
        var topic = kafka.CreateTopic("retention");
        var payload = new string('x', 16 * 1024);
        using (var producer = KafkaClients.Producer(kafka.BootstrapServers))
        {
            for (var i = 0; i < 640; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = i.ToString(), Value = payload });
            }

            producer.Flush(KafkaClients.OperationTimeout);
        }

        using var consumer = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadUncommitted);
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), KafkaClients.OperationTimeout);
        Assert.Equal(0, watermarks.Low.Value);
        Assert.Equal(640, watermarks.High.Value);
        Assert.Equal(640, KafkaClients.ReadAll(kafka.BootstrapServers, topic, IsolationLevel.ReadUncommitted).Count);
    }
}
