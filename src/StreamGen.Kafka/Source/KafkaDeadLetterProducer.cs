using System.Text;
using Confluent.Kafka;

namespace StreamGen.Kafka.Source;

/// <summary>
/// Writes the source records that cannot be deserialized to the dead-letter topic and remembers the first one the
/// brokers refused. A dead letter must be acknowledged before a checkpoint holds an offset past its original —
/// otherwise a refused one would be lost — so the source calls <see cref="Flush(CancellationToken)"/> at every barrier, which throws
/// for a refused one and so fails that checkpoint and the task.
/// </summary>
internal sealed class KafkaDeadLetterProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly string _topic;
    private KafkaDeadLetterException? _failure;

    public KafkaDeadLetterProducer(IProducer<byte[]?, byte[]?> producer, string topic)
    {
        _producer = producer;
        _topic = topic;
    }

    /// <summary>Sends a copy of <paramref name="record"/> with <paramref name="error"/> and its position in the headers.</summary>
    public void Produce(ConsumeResult<byte[]?, byte[]?> record, string error, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var (topic, partition, offset) = (record.Topic, record.Partition.Value, record.Offset.Value);
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Timestamp = record.Message.Timestamp,
            Headers = new Headers
            {
                { "streamgen.error", Encoding.UTF8.GetBytes(error) },
                { "streamgen.source", Encoding.UTF8.GetBytes(Where(topic, partition, offset)) },
            },
        };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.CompareExchange(ref _failure, Failure(report.Error, topic, partition, offset, null), null);
                    }
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
            catch (ProduceException<byte[]?, byte[]?> ex)
            {
                // Refused before it left the client, e.g. larger than message.max.bytes.
                throw Failure(ex.Error, topic, partition, offset, ex);
            }
        }
    }

    /// <summary>Waits until every dead letter is acknowledged; throws if the brokers refused one.</summary>
    public void Flush(CancellationToken cancellationToken)
    {
        _producer.Flush(cancellationToken);
        ThrowIfFailed();
    }

    /// <summary>Waits at most <paramref name="timeout"/> for outstanding dead letters (on close, when nothing is checkpointed any more).</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }

    public void Dispose() => _producer.Dispose();

    private KafkaDeadLetterException Failure(Error error, string topic, int partition, long offset, Exception? inner) => new(
        $"The record at {Where(topic, partition, offset)} could not be written to the dead-letter topic '{_topic}': {error.Code}: {error.Reason}. " +
        "The source does not move past it: after the restart the record is read and dead-lettered again. " +
        "Make the dead-letter topic accept it (it may not exist, or the record may exceed message.max.bytes of the client or of the topic).",
        _topic, topic, partition, offset, inner);

    internal static string Where(string topic, int partition, long offset) => $"topic '{topic}', partition {partition}, offset {offset}";
}
