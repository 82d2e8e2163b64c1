namespace StreamGen;

/// <summary>
/// Base of every user operator. The runtime creates one instance per parallel subtask.
/// </summary>
/// <remarks>
/// Lifecycle: constructor → (restore of <see cref="StateAttribute"/> fields) → <see cref="Open"/> →
/// records and checkpoints → <see cref="Close"/>. <see cref="OnCheckpointComplete"/> is called after
/// a checkpoint this subtask took part in became durable for the whole job.
/// </remarks>
public abstract class StreamOperator
{
    /// <summary>Called once per subtask after state was restored and before the first record.</summary>
    public virtual void Open(OperatorRuntimeContext context)
    {
    }

    /// <summary>Called when the subtask stops, normally or because the job is failing over.</summary>
    public virtual void Close()
    {
    }

    /// <summary>
    /// Called when checkpoint <paramref name="checkpointId"/> is complete: every task acknowledged it and
    /// its metadata is durable. Side effects that must only happen once per committed epoch belong here.
    /// </summary>
    public virtual void OnCheckpointComplete(long checkpointId)
    {
    }
}
