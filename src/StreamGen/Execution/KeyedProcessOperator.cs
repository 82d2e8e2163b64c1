using StreamGen.State;

namespace StreamGen.Execution;

/// <summary>
/// Runs a <see cref="KeyedProcessor{TKey, TIn, TOut}"/>: around each record the key's state is loaded into
/// the operator's fields and stored back, through the operator's keyed state backend.
/// </summary>
internal sealed class KeyedProcessOperator<TKey, TIn, TOut> : ChainedOperator<KeyedRecord<TKey, TIn>>
    where TKey : notnull
{
    private readonly KeyedProcessor<TKey, TIn, TOut> _operator;
    private readonly OutputContext<TOut> _context;
    private readonly IKeyedStateBackend<TKey>? _backend;

    public KeyedProcessOperator(OperatorRuntimeContext context, KeyedProcessor<TKey, TIn, TOut> op, IOutput<TOut> output)
        : base(context)
    {
        _operator = op;
        NameAfter(op, Graph.StreamNodeKinds.KeyedProcess);
        _context = new OutputContext<TOut>(output, Metrics);
        KeyGroupRange = KeyGroupRange.ForSubtask(context.MaxParallelism, context.Parallelism, context.SubtaskIndex);
        if (op is IKeyedStateful<TKey> stateful)
        {
            _backend = KeyedStateBackend.Create(stateful, KeyGroupRange, context.MaxParallelism, Description);
        }
    }

    public KeyGroupRange KeyGroupRange { get; }

    /// <summary>Number of keys with state in this subtask (for tests and metrics).</summary>
    public int KeyCount => _backend?.KeyCount ?? 0;

    public override void Restore(SubtaskRestoreState state) => _backend?.Restore(state.Files);

    public override void Open() => _operator.Open(Context);

    public override void Collect(KeyedRecord<TKey, TIn> record)
    {
        Metrics.RecordsIn++;
        var backend = _backend;
        if (backend is null)
        {
            _operator.CurrentKey = record.Key;
            _operator.Process(record.Value, _context);
            return;
        }

        backend.SetCurrentKey(record.Key, record.KeyGroup);
        _operator.CurrentKey = record.Key;
        _operator.Process(record.Value, _context);
        backend.StoreCurrentKey();
    }

    public override void SnapshotState(long checkpointId, List<StateSnapshotPart> parts)
    {
        if (_backend is not null)
        {
            parts.Add(new StateSnapshotPart(Context, StateKinds.Keyed, _backend.Schema.Fingerprint, KeyGroupRange, _backend.Snapshot()));
        }
    }

    public override void NotifyCheckpointComplete(long checkpointId) => _operator.OnCheckpointComplete(checkpointId);

    public override void Close() => _operator.Close();
}
