namespace StreamGen.Execution;

/// <summary>
/// The state files a new operator subtask restores from: for keyed state the files of every old subtask
/// whose key-group range overlaps the new one; for operator state the old subtask with the same index;
/// for sources and sinks all old subtasks' files, ordered by old subtask index (union state).
/// </summary>
internal sealed class SubtaskRestoreState
{
    public SubtaskRestoreState(long checkpointId, IReadOnlyList<ReadOnlyMemory<byte>> files)
    {
        CheckpointId = checkpointId;
        Files = files;
    }

    public long CheckpointId { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Files { get; }
}
