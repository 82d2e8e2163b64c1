using Confluent.Kafka;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Kafka.Native;

namespace StreamGen.Kafka.Sink;

/// <summary>A Kafka sink: an at-least-once or a transactional exactly-once writer per subtask.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class KafkaSink<T>(KafkaClusterOptions cluster, KafkaSinkOptions options, ISerializer<T> serializer, Func<T, byte[]?>? key) : ISink<T>, IValidatingConnector
{
    /// <summary>The sink's settings.</summary>
    public KafkaSinkOptions Options => options;

    /// <inheritdoc />
    /// <exception cref="KafkaNativeLibraryException">librdkafka is missing, unloadable or too old; restarting cannot help.</exception>
    public ISinkWriter<T> CreateWriter(ConnectorContext context)
    {
        KafkaNativeLibrary.EnsureLoaded(context.LoggerFactory);
        if (string.IsNullOrEmpty(options.Topic))
        {
            throw new ArgumentException("A Kafka sink needs a topic.", nameof(options));
        }

        var producer = new KafkaRecordProducer<T>(options.Topic, serializer, key);
        return IsTransactional(context.CheckpointingMode)
            ? new KafkaTransactionalSinkWriter<T>(cluster, options, producer, context)
            : new KafkaAtLeastOnceSinkWriter<T>(cluster, options, producer, context);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate(string operatorId, CheckpointConfig checkpointing)
    {
        ArgumentNullException.ThrowIfNull(checkpointing);
        if (IsTransactional(checkpointing.Mode) && options.TransactionTimeoutProblem(operatorId, checkpointing) is { } problem)
        {
            yield return problem;
        }
    }

    private bool IsTransactional(CheckpointingMode mode) => options.DeliveryGuarantee switch
    {
        DeliveryGuarantee.ExactlyOnce => true,
        DeliveryGuarantee.AtLeastOnce => false,
        _ => mode == CheckpointingMode.ExactlyOnce,
    };
}
