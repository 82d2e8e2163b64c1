using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Kafka.Client;
using StreamGen.Diagnostics;
using StreamGen.Serialization;

namespace StreamGen.Kafka.Source;

/// <summary>
/// One Kafka source subtask. It reads the partitions <see cref="KafkaPartitionAssigner"/> gives it with a
/// manually assigned consumer, and its checkpointed state is each partition's next offset.
/// </summary>
internal sealed class KafkaSourceReader<T> : ISourceReader<T>
{
    private static readonly Meter Meter = new("StreamGen.Kafka");
    private static readonly Counter<long> Skipped = Meter.CreateCounter<long>("streamgen.kafka.source.skipped", description: "Records skipped because they could not be deserialized");
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("streamgen.kafka.source.dead_lettered", description: "Records sent to the dead-letter topic");

    private readonly KafkaClusterOptions _cluster;
    private readonly KafkaSourceOptions _options;
    private readonly IDeserializer<T> _deserializer;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly string _clientName;
    private readonly Dictionary<TopicPartition, long> _restored = new();
    private readonly Dictionary<TopicPartition, long> _positions = new();
    private readonly SortedDictionary<long, List<TopicPartitionOffset>> _pendingCommits = new();
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private IAdminClient? _admin;
    private KafkaDeadLetterProducer? _deadLetters;
    private KafkaClientDiagnostics? _diagnostics;
    private KafkaClientDiagnostics? _deadLetterDiagnostics;
    private DateTime _nextDiscovery;
    private bool _restoredFromCheckpoint;
    private bool _pendingInitialDiscovery;

    public KafkaSourceReader(KafkaClusterOptions cluster, KafkaSourceOptions options, IDeserializer<T> deserializer, ConnectorContext context)
    {
        _cluster = cluster;
        _options = options;
        _deserializer = deserializer;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger("StreamGen.Kafka.Source");
        _clientName = $"{context.JobName}/{context.Runtime.OperatorId}[{context.Runtime.SubtaskIndex}] source";
        if (options.Topics.Count == 0)
        {
            throw new ArgumentException("A Kafka source needs at least one topic.", nameof(options));
        }

        if (options.OnDeserializationError == DeserializationErrorHandling.DeadLetter && string.IsNullOrEmpty(options.DeadLetterTopic))
        {
            throw new ArgumentException("DeserializationErrorHandling.DeadLetter needs KafkaSourceOptions.DeadLetterTopic.", nameof(options));
        }
    }

    private string GroupId => _options.GroupId ?? _context.JobName;

    /// <summary>The partitions this subtask reads and their next offsets (for tests and monitoring).</summary>
    internal IReadOnlyDictionary<TopicPartition, long> Positions => _positions;

    public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
    {
        _restoredFromCheckpoint = true;
        foreach (var state in allSubtaskStates)
        {
            var reader = new MessagePackReader(state.Span);
            var count = reader.ReadArrayHeader();
            for (var i = 0; i < count; i++)
            {
                if (reader.ReadArrayHeader() != 3)
                {
                    throw new MessagePackFormatException("Kafka source offset must be [topic, partition, offset]", reader.Position);
                }

                var tp = new TopicPartition(reader.ReadString(), new Partition(reader.ReadInt32()));
                _restored[tp] = reader.ReadInt64();
            }
        }
    }

    public void Open()
    {
        var config = new ConsumerConfig(_cluster.ToClientConfig(_options.Properties))
        {
            GroupId = GroupId,
            // Offsets are stored when a checkpoint completes and librdkafka commits them in the background: a
            // synchronous commit would block the task thread for up to a minute while the brokers are unreachable.
            EnableAutoCommit = _options.CommitOffsetsOnCheckpoints,
            EnableAutoOffsetStore = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = _options.StartingOffsets == StartingOffsets.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
            ClientId = _clientName,
        };
        _diagnostics = new KafkaClientDiagnostics(_logger, _clientName, _options.Topics[0], unhealthyAfter: _options.UnhealthyAfter);
        _consumer = _diagnostics.Install(new ConsumerBuilder<byte[]?, byte[]?>(config))
            .SetOffsetsCommittedHandler((_, committed) => _diagnostics.OnCommitted(committed, GroupId))
            .Build();
        _diagnostics.Attach(_consumer);
        _admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        if (_options.OnDeserializationError == DeserializationErrorHandling.DeadLetter)
        {
            var deadLetterClient = _clientName + " dead letters";
            var producerConfig = new ProducerConfig(_cluster.ToClientConfig(_options.Properties))
            {
                EnableIdempotence = true,
                Acks = Acks.All,
                ClientId = deadLetterClient,
            };
            _deadLetterDiagnostics = new KafkaClientDiagnostics(_logger, deadLetterClient, _options.DeadLetterTopic!);
            var producer = _deadLetterDiagnostics.Install(new ProducerBuilder<byte[]?, byte[]?>(producerConfig)).Build();
            _deadLetterDiagnostics.Attach(producer);
            _deadLetters = new KafkaDeadLetterProducer(producer, _options.DeadLetterTopic!);
        }

        DiscoverPartitions(initial: true);
    }

    public SourcePollResult Poll(ISourceOutput<T> output, int maxRecords)
    {
        var consumer = _consumer ?? throw new InvalidOperationException("Open was not called.");
        _deadLetters?.ThrowIfFailed();
        if ((_options.PartitionDiscoveryInterval > TimeSpan.Zero || _pendingInitialDiscovery) && DateTime.UtcNow >= _nextDiscovery)
        {
            var initial = _pendingInitialDiscovery;
            _pendingInitialDiscovery = false;
            DiscoverPartitions(initial);
        }

        if (_positions.Count == 0)
        {
            return SourcePollResult.Idle;
        }

        var emitted = 0;
        while (emitted < maxRecords)
        {
            // Wait briefly only for the first record: checkpoints are injected between polls.
            var result = consumer.Consume(emitted == 0 ? TimeSpan.FromMilliseconds(5) : TimeSpan.Zero);
            if (result is null)
            {
                return emitted > 0 ? SourcePollResult.MoreAvailable : SourcePollResult.Idle;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            // A record that is skipped or dead-lettered is consumed all the same.
            _positions[result.TopicPartition] = result.Offset.Value + 1;
            if (TryDeserialize(result, out var value))
            {
                output.Emit(value);
                emitted++;
            }
        }

        return SourcePollResult.MoreAvailable;
    }

    public void SnapshotState(long checkpointId, ref MessagePackWriter writer)
    {
        // Dead letters must be acknowledged before the checkpoint moves the offsets past their originals: a refused
        // one throws here, which fails this checkpoint (and the task) before any position is written.
        _deadLetters?.Flush(_context.Cancellation);

        writer.WriteArrayHeader(_positions.Count);
        List<TopicPartitionOffset>? commit = _options.CommitOffsetsOnCheckpoints ? new(_positions.Count) : null;
        foreach (var (tp, offset) in _positions)
        {
            writer.WriteArrayHeader(3);
            writer.Write(tp.Topic);
            writer.Write(tp.Partition.Value);
            writer.Write(offset);
            commit?.Add(new TopicPartitionOffset(tp, new Offset(offset)));
        }

        if (commit is not null)
        {
            _pendingCommits[checkpointId] = commit;
        }
    }

    public void OnCheckpointComplete(long checkpointId)
    {
        List<TopicPartitionOffset>? latest = null;
        foreach (var id in _pendingCommits.Keys.Where(id => id <= checkpointId).ToList())
        {
            latest = _pendingCommits[id];
            _pendingCommits.Remove(id);
        }

        if (latest is null || latest.Count == 0 || _consumer is null)
        {
            return;
        }

        // Committed offsets only serve monitoring and the start of a job without checkpoints; a failed background
        // commit is logged and the next checkpoint's offsets replace it.
        foreach (var offset in latest)
        {
            try
            {
                _consumer.StoreOffset(offset);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
            {
                // The partition is no longer assigned to this subtask: nothing to commit for it.
            }
        }
    }

    public void Close()
    {
        var closeBy = DateTime.UtcNow + KafkaClientTimeouts.Close;

        // Bounded: a dead letter still in flight here is not lost. No checkpoint moves past its record any more,
        // so the next start reads the record again.
        if (_deadLetters?.Flush(KafkaClientTimeouts.Remaining(closeBy)) is > 0 and var outstanding)
        {
            _logger.LogWarning("{Count} dead letters were not acknowledged on close; their records are read again on the next start", outstanding);
        }

        _deadLetterDiagnostics?.Dispose();
        _deadLetters?.Dispose();
        _diagnostics?.Dispose();
        _admin?.Dispose();
        if (_consumer is { } consumer)
        {
            // Close commits the offsets stored by the last completed checkpoint; with the group coordinator
            // unreachable librdkafka waits up to a minute for that. Those offsets only serve monitoring, so the
            // wait is bounded and an unfinished close completes (and disposes the consumer) in the background.
            var closing = Task.Run(() =>
            {
                try
                {
                    consumer.Close();
                }
                catch (KafkaException ex)
                {
                    _logger.LogDebug(ex, "Closing the consumer of {Client} failed", _clientName);
                }
                finally
                {
                    consumer.Dispose();
                }
            });
            if (!closing.Wait(KafkaClientTimeouts.Remaining(closeBy)))
            {
                _logger.LogInformation("The consumer of {Client} could not commit its last offsets to group {Group} in time; it finishes closing in the background", _clientName, GroupId);
            }
        }
    }

    private void DiscoverPartitions(bool initial)
    {
        _nextDiscovery = DateTime.UtcNow + (_options.PartitionDiscoveryInterval > TimeSpan.Zero ? _options.PartitionDiscoveryInterval : TimeSpan.FromDays(1));
        var added = new List<TopicPartition>();
        foreach (var topic in _options.Topics)
        {
            Metadata metadata;
            try
            {
                metadata = _admin!.GetMetadata(topic, TimeSpan.FromSeconds(5));
            }
            catch (KafkaException ex)
            {
                // No broker answered: keep the job running and retry soon. librdkafka reconnects by itself;
                // the health check turns unhealthy if this lasts, and no record is lost meanwhile.
                _diagnostics!.ReportUnreachable(ex.Error.Reason);
                _logger.LogWarning("Kafka metadata for topic {Topic} unavailable ({Reason}); retrying", topic, ex.Error.Reason);
                _nextDiscovery = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                _pendingInitialDiscovery |= initial;
                continue;
            }

            var topicMetadata = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            if (topicMetadata is null || topicMetadata.Error.IsError || topicMetadata.Partitions.Count == 0)
            {
                var reason = topicMetadata?.Error.Reason ?? "not in metadata";
                if (initial && _options.PartitionDiscoveryInterval <= TimeSpan.Zero)
                {
                    throw new KafkaException(new Error(ErrorCode.UnknownTopicOrPart, $"Kafka source topic '{topic}' is not available ({reason}) and partition discovery is off."));
                }

                _logger.LogWarning("Kafka source topic {Topic} is not available yet ({Reason}); waiting for partition discovery", topic, reason);
                continue;
            }

            foreach (var partition in topicMetadata.Partitions)
            {
                var tp = new TopicPartition(topic, new Partition(partition.PartitionId));
                if (!_positions.ContainsKey(tp) &&
                    KafkaPartitionAssigner.Owner(topic, partition.PartitionId, _context.Runtime.Parallelism) == _context.Runtime.SubtaskIndex)
                {
                    added.Add(tp);
                }
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        var start = StartOffsets(added, initial);
        foreach (var tpo in start)
        {
            _positions[tpo.TopicPartition] = tpo.Offset.Value;
        }

        _consumer!.IncrementalAssign(start);
        _logger.LogInformation("Source subtask {Subtask} reads {Partitions}", _context.Runtime.SubtaskIndex,
            string.Join(", ", start.Select(s => $"{s.Topic}[{s.Partition.Value}]@{Describe(s.Offset)}")));
    }

    private List<TopicPartitionOffset> StartOffsets(List<TopicPartition> partitions, bool initial)
    {
        var result = new List<TopicPartitionOffset>(partitions.Count);
        var needCommitted = new List<TopicPartition>();
        foreach (var tp in partitions)
        {
            if (_restored.TryGetValue(tp, out var offset))
            {
                result.Add(new TopicPartitionOffset(tp, new Offset(offset)));
            }
            else
            {
                needCommitted.Add(tp);
            }
        }

        if (needCommitted.Count == 0)
        {
            return result;
        }

        // Partitions that appear after the start, or that a restored checkpoint did not know, are new:
        // nothing of them was processed, so they start from the beginning unless the group says otherwise.
        var fallback = initial && !_restoredFromCheckpoint && _options.StartingOffsets == StartingOffsets.Latest ? Offset.End : Offset.Beginning;
        var committed = _consumer!.Committed(needCommitted, TimeSpan.FromSeconds(10));
        foreach (var tpo in committed)
        {
            result.Add(tpo.Offset.Value >= 0 ? tpo : new TopicPartitionOffset(tpo.TopicPartition, fallback));
        }

        // Offset.Beginning/End are logical: resolve them so positions in a checkpoint are real offsets.
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Offset.IsSpecial)
            {
                var watermarks = _consumer.QueryWatermarkOffsets(result[i].TopicPartition, TimeSpan.FromSeconds(10));
                var offset = result[i].Offset == Offset.End ? watermarks.High : watermarks.Low;
                result[i] = new TopicPartitionOffset(result[i].TopicPartition, offset);
            }
        }

        return result;
    }

    private bool TryDeserialize(ConsumeResult<byte[]?, byte[]?> result, out T value)
    {
        var message = result.Message;
        try
        {
            value = _deserializer.Deserialize(message.Value, message.Value is null, new SerializationContext(MessageComponentType.Value, result.Topic, message.Headers));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var where = KafkaDeadLetterProducer.Where(result.Topic, result.Partition.Value, result.Offset.Value);
            switch (_options.OnDeserializationError)
            {
                case DeserializationErrorHandling.Skip:
                    Skipped.Add(1);
                    _logger.LogWarning("Skipping a record that cannot be deserialized as {Type} at {Where}: {Error}", typeof(T).Name, where, ex.Message);
                    break;
                case DeserializationErrorHandling.DeadLetter:
                    _deadLetters!.Produce(result, ex.Message, _context.Cancellation);
                    DeadLettered.Add(1);
                    break;
                default:
                    throw new KafkaDeserializationException(
                        $"Cannot deserialize the record at {where} as {typeof(T).Name}: {ex.Message}. " +
                        "Set KafkaSourceOptions.OnDeserializationError to Skip or DeadLetter to continue past such records.",
                        result.Topic, result.Partition.Value, result.Offset.Value, ex);
            }

            value = default!;
            return false;
        }
    }

    private static string Describe(Offset offset) => offset.IsSpecial ? offset.ToString() : offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
