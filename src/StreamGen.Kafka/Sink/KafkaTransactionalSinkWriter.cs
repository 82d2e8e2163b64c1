using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Kafka.Client;
using StreamGen.Serialization;

namespace StreamGen.Kafka.Sink;

/// <summary>
/// Exactly-once Kafka sink subtask: one Kafka transaction per checkpoint epoch, pre-committed at the
/// barrier with a commit marker and committed when the checkpoint completes. The protocol, and why a
/// crash at any point neither loses nor duplicates, is in docs/exactly-once.md.
/// </summary>
internal sealed class KafkaTransactionalSinkWriter<T> : ISinkWriter<T>
{
    /// <summary>Transactional ids fenced on a start without state (a crash before the first checkpoint may have left them open).</summary>
    internal const int DefaultPoolSize = 3;

    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);

    // Per kept record besides key and value: the list entry and the two array headers.
    private const int BufferedRecordOverhead = 32;

    private readonly KafkaClusterOptions _cluster;
    private readonly KafkaSinkOptions _options;
    private readonly KafkaRecordProducer<T> _records;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly int _subtask;
    private readonly List<IProducer<byte[]?, byte[]?>> _pool = new();
    private readonly List<KafkaClientDiagnostics> _diagnostics = new();
    private readonly SortedSet<int> _freeSlots = new();
    private readonly List<Epoch> _pending = new();
    private readonly List<(int OldSubtask, int PoolSize)> _inherited = new();
    private readonly List<(int OldSubtask, Epoch Epoch)> _toRecover = new();
    private IConsumer<byte[]?, byte[]?>? _marker;
    private Epoch? _current;
    private long _uncommittedBytes;

    public KafkaTransactionalSinkWriter(KafkaClusterOptions cluster, KafkaSinkOptions options, KafkaRecordProducer<T> records, ConnectorContext context)
    {
        _cluster = cluster;
        _options = options;
        _records = records;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger("StreamGen.Kafka.Sink");
        _prefix = options.TransactionalIdPrefix ?? $"{context.JobName}-{context.Runtime.OperatorId}";
        _subtask = context.Runtime.SubtaskIndex;
    }

    /// <summary>Epochs pre-committed but not yet committed (for tests).</summary>
    internal int PendingCount => _pending.Count;

    /// <summary>Bytes of records kept for transactions not yet committed (for tests).</summary>
    internal long UncommittedBytes => _uncommittedBytes;

    public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
    {
        for (var old = 0; old < allSubtaskStates.Count; old++)
        {
            // Old subtask j is taken over by new subtask j mod p', so ids of vanished subtasks are fenced too.
            if (old % _context.Runtime.Parallelism != _subtask || allSubtaskStates[old].IsEmpty)
            {
                continue;
            }

            var reader = new MessagePackReader(allSubtaskStates[old].Span);
            if (reader.ReadArrayHeader() != 3)
            {
                throw new MessagePackFormatException("Kafka sink state must be [subtask, poolSize, epochs]", 0);
            }

            var writtenBy = reader.ReadInt32();
            _inherited.Add((writtenBy, reader.ReadInt32()));
            var epochs = reader.ReadArrayHeader();
            for (var e = 0; e < epochs; e++)
            {
                _toRecover.Add((writtenBy, Epoch.Read(ref reader)));
            }
        }
    }

    public void Open()
    {
        ValidateTransactionTimeout();
        ValidateStateBounds();
        _marker = CreateMarkerConsumer(_subtask);

        // 1. Fence: InitTransactions on every id that may hold an open transaction of a previous run.
        var ownPool = Math.Max(DefaultPoolSize, _inherited.Where(i => i.OldSubtask == _subtask).Select(i => i.PoolSize).DefaultIfEmpty(0).Max());
        for (var slot = 0; slot < ownPool; slot++)
        {
            AddProducer();
        }

        foreach (var (oldSubtask, poolSize) in _inherited.Where(i => i.OldSubtask != _subtask))
        {
            for (var slot = 0; slot < Math.Max(poolSize, DefaultPoolSize); slot++)
            {
                var transactionalId = TransactionalId(oldSubtask, slot);
                using var diagnostics = new KafkaClientDiagnostics(_logger, $"{ClientName} fencing {transactionalId}", _records.Topic, reportsHealth: false);
                using var zombieFence = CreateProducer(transactionalId, diagnostics);
                zombieFence.InitTransactions(OperationTimeout);
            }
        }

        // 2. Re-produce pre-committed epochs whose commit never happened (their marker is behind).
        foreach (var group in _toRecover.GroupBy(r => r.OldSubtask))
        {
            using var markerConsumer = group.Key == _subtask ? null : CreateMarkerConsumer(group.Key);
            var committed = ReadMarker(markerConsumer ?? _marker);
            foreach (var (_, epoch) in group.OrderBy(r => r.Epoch.CheckpointId))
            {
                if (epoch.CheckpointId <= committed)
                {
                    continue;
                }

                _logger.LogWarning(
                    "Transaction of checkpoint {CheckpointId} (sink subtask {Old}) was not committed before the failure; re-producing its {Count} records",
                    epoch.CheckpointId, group.Key, epoch.Records.Count);
                Reproduce(epoch, markerConsumer ?? _marker);
            }
        }

        _toRecover.Clear();
    }

    public void Write(ReadOnlySpan<T> batch)
    {
        _records.ThrowIfFailed();
        if (batch.IsEmpty)
        {
            return;
        }

        var epoch = _current ??= BeginEpoch();
        var producer = _pool[epoch.Slot];
        foreach (var record in batch)
        {
            var (key, value) = _records.Serialize(record);
            _records.Produce(producer, key, value, _context.Cancellation);
            epoch.Records.Add(new BufferedRecord(key, value));
            var bytes = (key?.Length ?? 0) + (value?.Length ?? 0) + BufferedRecordOverhead;
            epoch.Bytes += bytes;
            _uncommittedBytes += bytes;
        }

        BoundUncommittedState(epoch);
    }

    public void PrepareSnapshot(long checkpointId)
    {
        if (_current is not { } epoch)
        {
            return; // an epoch without records has no transaction
        }

        var producer = _pool[epoch.Slot];
        _records.Flush(producer, _context.Cancellation);
        producer.SendOffsetsToTransaction([MarkerOffset(checkpointId)], _marker!.ConsumerGroupMetadata, OperationTimeout);
        epoch.CheckpointId = checkpointId;
        _pending.Add(epoch);
        _current = null;
    }

    public void SnapshotState(long checkpointId, ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.Write(_subtask);
        writer.Write(_pool.Count);
        writer.WriteArrayHeader(_pending.Count);
        foreach (var epoch in _pending)
        {
            epoch.Write(ref writer);
        }
    }

    public void OnCheckpointComplete(long checkpointId)
    {
        while (_pending.Count > 0 && _pending[0].CheckpointId <= checkpointId)
        {
            var epoch = _pending[0];
            _pool[epoch.Slot].CommitTransaction(OperationTimeout);
            _pending.RemoveAt(0);
            _freeSlots.Add(epoch.Slot);
            _uncommittedBytes -= epoch.Bytes;
        }
    }

    public void OnCheckpointAborted(long checkpointId)
    {
        // The pre-committed epoch stays pending; the next completed checkpoint commits it (its marker is older, which is fine).
    }

    public void EndInput()
    {
        if (_current is { } epoch)
        {
            var producer = _pool[epoch.Slot];
            _records.Flush(producer, _context.Cancellation);
            producer.CommitTransaction(OperationTimeout);
            _freeSlots.Add(epoch.Slot);
            _uncommittedBytes -= epoch.Bytes;
            _current = null;
        }
    }

    public void Close()
    {
        // Abort what is open so read_committed readers are not held back. Safe for pending epochs too: if their
        // checkpoint completed, the restore re-produces them (marker behind); if not, the source replays them.
        // One bounded budget for all of them: with the brokers down each abort would wait out its whole timeout.
        var closeBy = DateTime.UtcNow + KafkaClientTimeouts.Close;
        foreach (var epoch in _pending.Append(_current).OfType<Epoch>())
        {
            try
            {
                _pool[epoch.Slot].AbortTransaction(KafkaClientTimeouts.Remaining(closeBy));
            }
            catch (KafkaException ex)
            {
                _logger.LogDebug(ex, "Abort on close failed; the next start fences the transaction");
            }
        }

        // The watchers first: a health probe must not run on a destroyed handle.
        foreach (var diagnostics in _diagnostics)
        {
            diagnostics.Dispose();
        }

        foreach (var producer in _pool)
        {
            producer.Dispose();
        }

        _diagnostics.Clear();
        _pool.Clear();
        _marker?.Dispose();
    }

    /// <summary>Checked again here for jobs run without a host (the host checks it before the job starts).</summary>
    private void ValidateTransactionTimeout()
    {
        if (_options.TransactionTimeoutProblem(_context.Runtime.OperatorId, _context.Checkpointing) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private void ValidateStateBounds()
    {
        if (_options.MaxEpochBytes <= 0 || _options.MaxUncommittedBytes <= _options.MaxEpochBytes)
        {
            throw new InvalidOperationException(
                $"Kafka sink '{_context.Runtime.OperatorId}' for topic '{_records.Topic}': KafkaSinkOptions.MaxEpochBytes ({_options.MaxEpochBytes}) must be positive " +
                $"and MaxUncommittedBytes ({_options.MaxUncommittedBytes}) must exceed it: an epoch is cut at about MaxEpochBytes, and the sink must hold at least one more while its checkpoint completes.");
        }
    }

    /// <summary>
    /// The sink keeps every record until its transaction commits, and each checkpoint stores all of them. A large
    /// epoch (a catch-up after a restart) asks for an early checkpoint; records piling up because checkpoints keep
    /// failing fail the job, which restarts from the last completed checkpoint with nothing pending.
    /// </summary>
    private void BoundUncommittedState(Epoch current)
    {
        if (_uncommittedBytes > _options.MaxUncommittedBytes)
        {
            var first = _pending.Count > 0 ? _pending[0].CheckpointId : -1;
            var aborted = _pending.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{_pending.Count} epoch(s) pre-committed at checkpoints {first}..{_pending[^1].CheckpointId} that never completed, plus the current one")
                : "the current epoch only";
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Kafka sink '{_context.Runtime.OperatorId}' subtask {_subtask} for topic '{_records.Topic}' holds {_uncommittedBytes} bytes of records not yet committed ({aborted}), ") +
                string.Create(CultureInfo.InvariantCulture, $"more than KafkaSinkOptions.MaxUncommittedBytes ({_options.MaxUncommittedBytes}). Each checkpoint would have to store them all, so the job restarts from its last completed checkpoint instead. ") +
                "Fix what makes the checkpoints fail (logged before, e.g. a full disk), or raise MaxUncommittedBytes; the checkpoint storage needs room for " +
                "(RetainedCheckpoints + MaxConcurrentCheckpoints) checkpoints of (keyed state + sink parallelism × MaxEpochBytes): see docs/operations.md, \"Sizing the checkpoint storage\".");
        }

        // Asked again with every batch until the barrier comes: a request made while another checkpoint was still
        // completing is not queued by the coordinator.
        if (current.Bytes >= _options.MaxEpochBytes)
        {
            _context.RequestCheckpoint?.Invoke();
        }
    }

    private string ClientName => $"{_context.JobName}/{_context.Runtime.OperatorId}[{_subtask}] sink";

    private Epoch BeginEpoch()
    {
        if (_freeSlots.Count == 0)
        {
            AddProducer();
        }

        var slot = _freeSlots.Min;
        _freeSlots.Remove(slot);
        _pool[slot].BeginTransaction();
        return new Epoch { Slot = slot };
    }

    private void Reproduce(Epoch epoch, IConsumer<byte[]?, byte[]?> marker)
    {
        var producer = _pool[_freeSlots.Min];
        producer.BeginTransaction();
        foreach (var record in epoch.Records)
        {
            _records.Produce(producer, record.Key, record.Value, _context.Cancellation);
        }

        _records.Flush(producer, _context.Cancellation);
        producer.SendOffsetsToTransaction([MarkerOffset(epoch.CheckpointId)], marker.ConsumerGroupMetadata, OperationTimeout);
        producer.CommitTransaction(OperationTimeout);
    }

    private void AddProducer()
    {
        var slot = _pool.Count;
        var transactionalId = TransactionalId(_subtask, slot);
        var diagnostics = new KafkaClientDiagnostics(_logger, $"{ClientName} {transactionalId}", _records.Topic);
        var producer = CreateProducer(transactionalId, diagnostics);
        diagnostics.Attach(producer);
        _diagnostics.Add(diagnostics);
        _pool.Add(producer);
        producer.InitTransactions(OperationTimeout);
        _freeSlots.Add(slot);
    }

    private IProducer<byte[]?, byte[]?> CreateProducer(string transactionalId, KafkaClientDiagnostics diagnostics)
    {
        var config = new ProducerConfig(_cluster.ToClientConfig(_options.Properties))
        {
            TransactionalId = transactionalId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            TransactionTimeoutMs = (int)_options.TransactionTimeout.TotalMilliseconds,
            ClientId = transactionalId,
        };
        return diagnostics.Install(new ProducerBuilder<byte[]?, byte[]?>(config)).Build();
    }

    private IConsumer<byte[]?, byte[]?> CreateMarkerConsumer(int subtask)
    {
        var groupId = $"{_prefix}-{subtask.ToString(CultureInfo.InvariantCulture)}-marker";
        var config = new ConsumerConfig(_cluster.ToClientConfig(_options.Properties))
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            ClientId = groupId,
        };

        // Used only for a few calls and never polled, so it holds no connection worth reporting: it only logs.
        var diagnostics = new KafkaClientDiagnostics(_logger, $"{ClientName} marker reader {groupId}", _records.Topic, reportsHealth: false);
        return diagnostics.Install(new ConsumerBuilder<byte[]?, byte[]?>(config)).Build();
    }

    private long ReadMarker(IConsumer<byte[]?, byte[]?> marker)
    {
        var committed = marker.Committed([new TopicPartition(_records.Topic, new Partition(0))], OperationTimeout);
        var offset = committed.Count == 0 ? Offset.Unset : committed[0].Offset;
        return offset.IsSpecial ? 0 : offset.Value;
    }

    private TopicPartitionOffset MarkerOffset(long checkpointId) => new(_records.Topic, new Partition(0), new Offset(checkpointId));

    private string TransactionalId(int subtask, int slot) => $"{_prefix}-{subtask.ToString(CultureInfo.InvariantCulture)}-{slot.ToString(CultureInfo.InvariantCulture)}";

    private readonly record struct BufferedRecord(byte[]? Key, byte[]? Value);

    /// <summary>The records of one checkpoint epoch and the pool slot whose transaction holds them.</summary>
    private sealed class Epoch
    {
        public long CheckpointId { get; set; }

        public int Slot { get; init; }

        /// <summary>Approximate bytes the kept records take, in memory and in the checkpoint.</summary>
        public long Bytes { get; set; }

        public List<BufferedRecord> Records { get; } = new();

        public void Write(ref MessagePackWriter writer)
        {
            writer.WriteArrayHeader(2);
            writer.Write(CheckpointId);
            writer.WriteArrayHeader(Records.Count);
            foreach (var record in Records)
            {
                writer.WriteArrayHeader(2);
                writer.Write(record.Key);
                writer.Write(record.Value);
            }
        }

        public static Epoch Read(ref MessagePackReader reader)
        {
            if (reader.ReadArrayHeader() != 2)
            {
                throw new MessagePackFormatException("Kafka sink epoch must be [checkpointId, records]", reader.Position);
            }

            var epoch = new Epoch { CheckpointId = reader.ReadInt64() };
            var count = reader.ReadArrayHeader();
            for (var i = 0; i < count; i++)
            {
                if (reader.ReadArrayHeader() != 2)
                {
                    throw new MessagePackFormatException("Kafka sink record must be [key, value]", reader.Position);
                }

                epoch.Records.Add(new BufferedRecord(reader.ReadBytes(), reader.ReadBytes()));
            }

            return epoch;
        }
    }
}
