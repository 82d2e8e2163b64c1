using StreamGen.State;

namespace StreamGen.Execution;

/// <summary>Runs a non-keyed <see cref="Processor{TIn, TOut}"/>; its <c>[State]</c> fields are operator state.</summary>
internal sealed class ProcessOperator<TIn, TOut> : ChainedOperator<TIn>
{
    private readonly Processor<TIn, TOut> _operator;
    private readonly OutputContext<TOut> _context;

    public ProcessOperator(OperatorRuntimeContext context, Processor<TIn, TOut> op, IOutput<TOut> output)
        : base(context)
    {
        _operator = op;
        NameAfter(op, Graph.StreamNodeKinds.Process);
        _context = new OutputContext<TOut>(output, Metrics);
    }

    public override void Restore(SubtaskRestoreState state)
    {
        if (_operator is ICheckpointedOperator checkpointed && state.Files.Count > 0)
        {
            OperatorStateSnapshot.Restore(checkpointed, state.Files[0].Span, Description);
        }
    }

    public override void Open() => _operator.Open(Context);

    public override void Collect(TIn record)
    {
        Metrics.RecordsIn++;
        _operator.Process(record, _context);
    }

    public override void SnapshotState(long checkpointId, List<StateSnapshotPart> parts)
    {
        if (_operator is ICheckpointedOperator checkpointed)
        {
            parts.Add(new StateSnapshotPart(Context, StateKinds.Operator, checkpointed.StateSchema.Fingerprint, null, OperatorStateSnapshot.Take(checkpointed)));
        }
    }

    public override void NotifyCheckpointComplete(long checkpointId) => _operator.OnCheckpointComplete(checkpointId);

    public override void Close() => _operator.Close();
}
