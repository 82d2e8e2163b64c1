using StreamGen.Serialization;

namespace StreamGen.Connectors;

/// <summary>
/// One source subtask, polled by its task loop. All calls happen on the task thread, so between two
/// <see cref="Poll"/> calls the reader's positions are consistent with the records it emitted: that is
/// where the runtime snapshots them and injects the checkpoint barrier, without locks.
/// </summary>
/// <remarks>
/// Lifecycle: <see cref="RestoreState"/> (only when the job starts from a checkpoint or savepoint) →
/// <see cref="Open"/> → <see cref="Poll"/>/<see cref="SnapshotState"/>/<see cref="OnCheckpointComplete"/>
/// → <see cref="Close"/>.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public interface ISourceReader<T>
{
    /// <summary>
    /// Restores positions as <em>union state</em>: every subtask receives the states of all subtasks of the
    /// previous run (index = old subtask index) and keeps the parts it now owns. This is how positions of
    /// partitions survive a parallelism change.
    /// </summary>
    void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates);

    /// <summary>Prepares the reader (connects, seeks to restored positions).</summary>
    void Open();

    /// <summary>
    /// Emits up to <paramref name="maxRecords"/> records into <paramref name="output"/> without blocking
    /// for long (a few milliseconds at most: checkpoints are injected between polls).
    /// </summary>
    SourcePollResult Poll(ISourceOutput<T> output, int maxRecords);

    /// <summary>Writes the reader's positions: the position of the next record not yet emitted.</summary>
    void SnapshotState(long checkpointId, ref MessagePackWriter writer);

    /// <summary>Checkpoint <paramref name="checkpointId"/> is durable for the whole job (e.g. commit offsets to the broker for lag monitoring).</summary>
    void OnCheckpointComplete(long checkpointId);

    /// <summary>Releases resources. Also called when the job attempt fails.</summary>
    void Close();
}
