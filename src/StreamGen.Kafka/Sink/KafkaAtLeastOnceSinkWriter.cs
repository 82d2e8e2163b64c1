using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Kafka.Client;
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
    private KafkaClientDiagnostics? _diagnostics;

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
        _diagnostics = new KafkaClientDiagnostics(_logger, _clientName, options.Topic);
        _producer = _diagnostics.Install(new ProducerBuilder<byte[]?, byte[]?>(config)).Build();
        _diagnostics.Attach(_producer);
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
        // Records not flushed by now belong to no completed checkpoint: the next start replays them.
        _diagnostics?.Dispose();
        _producer?.Dispose();
    }
}
