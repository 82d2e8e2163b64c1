using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>
/// An action for a task's thread, posted by the coordinator. The task runs mail between input batches,
/// so operators never see concurrent calls.
/// </summary>
internal sealed class TaskMail
{
    private TaskMail(TaskMailKind kind, long checkpointId, CheckpointBarrier? barrier)
    {
        Kind = kind;
        CheckpointId = checkpointId;
        Barrier = barrier;
    }

    public TaskMailKind Kind { get; }

    public long CheckpointId { get; }

    public CheckpointBarrier? Barrier { get; }

    public static TaskMail TriggerCheckpoint(CheckpointBarrier barrier) => new(TaskMailKind.TriggerCheckpoint, barrier.CheckpointId, barrier);

    public static TaskMail CheckpointComplete(long checkpointId) => new(TaskMailKind.CheckpointComplete, checkpointId, null);

    public static TaskMail CheckpointAborted(long checkpointId) => new(TaskMailKind.CheckpointAborted, checkpointId, null);
}

/// <summary>The kinds of <see cref="TaskMail"/>.</summary>
internal enum TaskMailKind
{
    /// <summary>Sources only: snapshot positions and inject the barrier.</summary>
    TriggerCheckpoint,

    /// <summary>The checkpoint is complete: notify operators (sinks commit).</summary>
    CheckpointComplete,

    /// <summary>The checkpoint was aborted: release alignment, tell operators.</summary>
    CheckpointAborted,
}
