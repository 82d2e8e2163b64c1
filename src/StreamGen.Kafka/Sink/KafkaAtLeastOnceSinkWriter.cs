using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Kafka.Sink;

/// <summary>
/// Writes through an idempotent producer and flushes at every barrier, so every record before a
/// checkpoint is durable in Kafka when the checkpoint completes. Records after it may repeat on restart.
/// </summary>
internal sealed class KafkaAtLeastOnceSinkWriter<T>(KafkaClusterOptions cluster, KafkaSinkOptions options, KafkaRecordProducer<T> records, ConnectorContext context)
    : ISinkWriter<T>
{
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger("StreamGen.Kafka.Sink");
    private readonly string _clientName = $"{context.JobName}/{context.Runtime.OperatorId}[{context.Runtime.SubtaskIndex}] sink";
    private IProducer<byte[]?, byte[]?>? _producer;

    public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
    {
    }

    public void Open()
    {
        var config = new ProducerConfig(cluster.ToClientConfig(options.Properties))
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            ClientId = _clientName,
        };
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) => KafkaSinkErrors.OnError(_logger, _clientName, e))
            .Build();
    }

    public void Write(ReadOnlySpan<T> batch)
    {
        var producer = _producer ?? throw new InvalidOperationException("Open was not called.");
        records.ThrowIfFailed();
        foreach (var record in batch)
        {
            var (key, value) = records.Serialize(record);
            records.Produce(producer, key, value, context.Cancellation);
        }
    }

    public void PrepareSnapshot(long checkpointId)
    {
        if (_producer is not null)
        {
            records.Flush(_producer, context.Cancellation);
            KafkaHealth.ReportUp(_clientName);
        }
    }

    public void SnapshotState(long checkpointId, ref MessagePackWriter writer) => writer.WriteArrayHeader(0);

    public void OnCheckpointComplete(long checkpointId)
    {
    }

    public void OnCheckpointAborted(long checkpointId)
    {
    }

    public void EndInput()
    {
        if (_producer is not null)
        {
            records.Flush(_producer, context.Cancellation);
        }
    }

    public void Close()
    {
        _producer?.Dispose();
        KafkaHealth.ReportUp(_clientName);
    }
}
