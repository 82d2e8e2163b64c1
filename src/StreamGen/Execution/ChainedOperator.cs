using StreamGen.Diagnostics;

namespace StreamGen.Execution;

/// <summary>
/// The runtime wrapper of one operator subtask inside a task's chain. The task drives the lifecycle
/// (restore → open → records and barriers → end of input → close) on its own thread.
/// </summary>
internal abstract class ChainedOperator
{
    protected ChainedOperator(OperatorRuntimeContext context)
    {
        Context = context;
        Metrics = new OperatorMetrics(context.OperatorId, context.OperatorName, context.SubtaskIndex);
        DisplayName = context.OperatorName;
    }

    public OperatorRuntimeContext Context { get; }

    public OperatorMetrics Metrics { get; }

    /// <summary>Names the operator subtask in errors and logs, by the user's names: its name or class, and its id (the uid when set).</summary>
    public string Description => $"'{DisplayName}' (operator id '{Context.OperatorId}', subtask {Context.SubtaskIndex + 1}/{Context.Parallelism})";

    /// <summary>The name in <see cref="Description"/>: the node's name, or the user's operator class when the node kept its default name.</summary>
    protected string DisplayName { get; private set; }

    /// <summary>Names the operator after <paramref name="userOperator"/>'s class when the node still has the default name <paramref name="defaultName"/>.</summary>
    protected void NameAfter(object userOperator, string defaultName)
    {
        if (Context.OperatorName == defaultName)
        {
            DisplayName = userOperator.GetType().Name;
        }
    }

    /// <summary>Restores state from a checkpoint, before <see cref="Open"/>. Not called on a fresh start.</summary>
    public virtual void Restore(SubtaskRestoreState state)
    {
    }

    public virtual void Open()
    {
    }

    /// <summary>At the barrier, before <see cref="SnapshotState"/>: flush buffers, pre-commit the epoch.</summary>
    public virtual void PrepareSnapshot(long checkpointId)
    {
    }

    /// <summary>The synchronous part of the snapshot: freeze or copy state into <paramref name="parts"/>.</summary>
    public virtual void SnapshotState(long checkpointId, List<StateSnapshotPart> parts)
    {
    }

    public virtual void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public virtual void NotifyCheckpointAborted(long checkpointId)
    {
    }

    /// <summary>Called when the task's input is momentarily empty, so buffered output is not held back.</summary>
    public virtual void Flush()
    {
    }

    /// <summary>All input has been processed (bounded streams).</summary>
    public virtual void EndInput()
    {
    }

    public virtual void Close()
    {
    }
}

/// <summary>A chained operator that consumes <typeparamref name="TIn"/> records by direct call.</summary>
internal abstract class ChainedOperator<TIn> : ChainedOperator, IOutput<TIn>
{
    protected ChainedOperator(OperatorRuntimeContext context)
        : base(context)
    {
    }

    public abstract void Collect(TIn record);
}
