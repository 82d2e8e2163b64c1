using StreamGen.Serialization;

namespace StreamGen.Connectors;

/// <summary>
/// One sink subtask, modelled on Flink's <c>TwoPhaseCommitSinkFunction</c>: records of checkpoint epoch
/// <c>n</c> are written into a transaction that is pre-committed at barrier <c>n</c>
/// (<see cref="PrepareSnapshot"/>), recorded in the checkpoint (<see cref="SnapshotState"/>) and committed
/// only once checkpoint <c>n</c> is complete (<see cref="OnCheckpointComplete"/>). A crash between the
/// completion and the commit is repaired on restore: <see cref="RestoreState"/> receives the pre-committed
/// transactions of the restored checkpoint and must commit them (idempotently). An at-least-once sink
/// simply writes through and flushes in <see cref="PrepareSnapshot"/>.
/// </summary>
/// <remarks>
/// All calls happen on the task thread. Lifecycle: <see cref="RestoreState"/> (only on restore) →
/// <see cref="Open"/> → <see cref="Write"/>/<see cref="PrepareSnapshot"/>/<see cref="SnapshotState"/>/
/// <see cref="OnCheckpointComplete"/>/<see cref="OnCheckpointAborted"/> → <see cref="EndInput"/> (bounded
/// input only, after the final checkpoint completed) → <see cref="Close"/>.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public interface ISinkWriter<T>
{
    /// <summary>
    /// Restores as union state: the states of all subtasks of the previous run, index = old subtask
    /// index. A writer takes over the old subtasks it is responsible for (e.g. old index modulo the new
    /// parallelism) and commits their pre-committed transactions.
    /// </summary>
    void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates);

    /// <summary>Prepares the writer (connects, begins the first transaction).</summary>
    void Open();

    /// <summary>Writes a batch of records into the current epoch. The span is only valid during the call.</summary>
    void Write(ReadOnlySpan<T> records);

    /// <summary>At barrier <paramref name="checkpointId"/>: flush, and pre-commit the epoch that ends here.</summary>
    void PrepareSnapshot(long checkpointId);

    /// <summary>Writes what a restore needs to finish the pre-committed epochs (transaction ids, positions).</summary>
    void SnapshotState(long checkpointId, ref MessagePackWriter writer);

    /// <summary>Checkpoint <paramref name="checkpointId"/> is complete: commit every pre-committed epoch up to it.</summary>
    void OnCheckpointComplete(long checkpointId);

    /// <summary>Checkpoint <paramref name="checkpointId"/> was aborted; its pre-committed epoch stays pending and is committed with the next completed checkpoint.</summary>
    void OnCheckpointAborted(long checkpointId);

    /// <summary>The bounded input ended and the final checkpoint completed.</summary>
    void EndInput();

    /// <summary>Releases resources; uncommitted work is left for the restore to resolve. Also called on failure.</summary>
    void Close();
}
