using Confluent.Kafka;
using StreamGen.Kafka.Serialization;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>A line of a <see cref="PlacedOrder"/>.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many.</param>
public sealed record PlacedOrderLine(string Sku, int Quantity);

/// <summary>A MessagePack payload: <c>PlacedOrderMessagePackSerializer</c> is generated for it.</summary>
/// <param name="Id">The order number.</param>
/// <param name="Customer">Who ordered.</param>
/// <param name="Lines">What was ordered.</param>
[MessagePackSerializable]
public sealed record PlacedOrder(long Id, string Customer, List<PlacedOrderLine> Lines)
{
    /// <summary>An optional note.</summary>
    public string? Note { get; set; }
}

[Collection(KafkaCollection.Name)]
public sealed class MessagePackPayloadTests(KafkaFixture kafka) : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-msgpack-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Generated_MessagePack_payloads_are_produced_and_read_back_by_a_job()
    {
        var topic = kafka.CreateTopic("src-msgpack", partitions: 2);
        var sent = Enumerable.Range(0, 40)
            .Select(i => new PlacedOrder(i, $"customer-{i % 3}", [.. Enumerable.Range(0, i % 4).Select(l => new PlacedOrderLine($"sku-{l}", l + 1))])
            {
                Note = i % 5 == 0 ? null : $"note {i}",
            })
            .ToList();

        using (var producer = new ProducerBuilder<Null, PlacedOrder>(new ProducerConfig
            {
                BootstrapServers = kafka.BootstrapServers,
                LingerMs = 1,
                EnableIdempotence = true,
                MessageTimeoutMs = (int)KafkaClients.OperationTimeout.TotalMilliseconds,
            })
            .SetValueSerializer(KafkaSerializers.MessagePack(PlacedOrderMessagePackSerializer.Instance))
            .Build())
        {
            foreach (var order in sent)
            {
                producer.Produce(new TopicPartition(topic, (int)(order.Id % 2)), new Message<Null, PlacedOrder> { Value = order });
            }

            producer.Flush(KafkaClients.OperationTimeout);
        }

        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var output = ConnectorJob.Collect(job.FromKafka(topic, KafkaSerializers.MessagePack(PlacedOrderMessagePackSerializer.Instance), parallelism: 2));
        await using var execution = ConnectorJob.Start(job, _checkpoints);
        await ConnectorJob.WaitUntilAsync(() => output.Records.Count >= sent.Count, "every MessagePack record", execution);
        await Task.Delay(200);

        static string Show(PlacedOrder o) => $"{o.Id}|{o.Customer}|{o.Note ?? "<null>"}|{string.Join(",", o.Lines.Select(l => $"{l.Sku}x{l.Quantity}"))}";
        Assert.Equal(sent.Select(Show).Order(StringComparer.Ordinal), output.Records.Select(Show).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_null_or_malformed_MessagePack_payload_fails_with_a_clear_message()
    {
        var serializer = KafkaSerializers.MessagePack(PlacedOrderMessagePackSerializer.Instance);
        var context = new SerializationContext(MessageComponentType.Value, "orders");

        var nullPayload = Assert.Throws<InvalidDataException>(() => serializer.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, context));
        Assert.Equal("A null Value cannot be deserialized as MessagePack PlacedOrder.", nullPayload.Message);

        var nil = Assert.Throws<InvalidDataException>(() => serializer.Deserialize([0xc0], isNull: false, context));
        Assert.Equal("MessagePack nil is not a valid PlacedOrder.", nil.Message);

        var bytes = serializer.Serialize(new PlacedOrder(7, "c", []), context);
        var trailing = Assert.Throws<InvalidDataException>(() => serializer.Deserialize([.. bytes, 0x01], isNull: false, context));
        Assert.Contains("1 bytes follow the value", trailing.Message);

        Assert.Throws<StreamGen.Serialization.MessagePackFormatException>(() => serializer.Deserialize(bytes.AsSpan(0, bytes.Length - 1), isNull: false, context));
        Assert.Equal(7, serializer.Deserialize(bytes, isNull: false, context).Id);
    }
}
