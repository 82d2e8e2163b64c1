using Confluent.Kafka;

namespace StreamGen.Kafka.Sink;

/// <summary>
/// Serializes records and hands them to a librdkafka producer, waiting when its local queue is full
/// (backpressure) and remembering the first failed delivery so the sink fails the task on it.
/// </summary>
internal sealed class KafkaRecordProducer<T>
{
    private readonly ISerializer<T> _serializer;
    private readonly Func<T, byte[]?>? _key;
    private readonly SerializationContext _context;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private volatile string? _deliveryError;

    public KafkaRecordProducer(string topic, ISerializer<T> serializer, Func<T, byte[]?>? key)
    {
        Topic = topic;
        _serializer = serializer;
        _key = key;
        _context = new SerializationContext(MessageComponentType.Value, topic);
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                _deliveryError ??= $"{report.Error.Code}: {report.Error.Reason}";
            }
        };
    }

    public string Topic { get; }

    public (byte[]? Key, byte[] Value) Serialize(T record) => (_key?.Invoke(record), _serializer.Serialize(record, _context));

    public void Produce(IProducer<byte[]?, byte[]?> producer, byte[]? key, byte[]? value, CancellationToken cancellationToken)
    {
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value };
        while (true)
        {
            try
            {
                producer.Produce(Topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>Waits until every produced record is acknowledged; throws if any delivery failed.</summary>
    public void Flush(IProducer<byte[]?, byte[]?> producer, CancellationToken cancellationToken)
    {
        producer.Flush(cancellationToken);
        ThrowIfFailed();
    }

    public void ThrowIfFailed()
    {
        if (_deliveryError is { } error)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"Delivery to topic '{Topic}' failed: {error}. The job restarts from its last checkpoint."));
        }
    }
}
