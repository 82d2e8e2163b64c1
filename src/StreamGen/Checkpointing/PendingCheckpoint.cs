using StreamGen.Diagnostics;
using StreamGen.Storage;

namespace StreamGen.Checkpointing;

/// <summary>A triggered checkpoint collecting acknowledgements. Guarded by the coordinator's lock.</summary>
internal sealed class PendingCheckpoint
{
    public PendingCheckpoint(long checkpointId, CheckpointKind kind, string? savepointName, bool isFinal, int taskCount)
    {
        CheckpointId = checkpointId;
        Kind = kind;
        SavepointName = savepointName;
        IsFinal = isFinal;
        Acknowledged = new bool[taskCount];
        TriggeredAt = DateTimeOffset.UtcNow;
    }

    public long CheckpointId { get; }

    public CheckpointKind Kind { get; }

    public string? SavepointName { get; }

    public bool IsFinal { get; }

    public DateTimeOffset TriggeredAt { get; }

    public CheckpointLocation? Location { get; set; }

    public bool[] Acknowledged { get; }

    public int AcknowledgedCount { get; set; }

    /// <summary>
    /// Every task acknowledged; the metadata commit is in flight. The checkpoint keeps its concurrency
    /// slot until the commit ends, and can no longer be declined, timed out or subsumed.
    /// </summary>
    public bool IsFinalizing { get; set; }

    public List<OperatorSubtaskStateHandle> States { get; } = new();

    public long StateSize { get; set; }

    public TimeSpan MaxAlignment { get; set; }

    public TimeSpan MaxSynchronousDuration { get; set; }

    public CancellationTokenSource TimeoutCancellation { get; } = new();

    /// <summary>
    /// Bounds the storage I/O of this checkpoint (state files and metadata) by the checkpoint timeout and the
    /// attempt's lifetime, so a hung upload fails this checkpoint instead of blocking its slot forever.
    /// </summary>
    public CancellationTokenSource? IoCancellation { get; set; }

    public TaskCompletionSource<CheckpointStats> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CheckpointStats ToStats(CheckpointStatus status, string? failure) => new(
        CheckpointId,
        Kind,
        IsFinal,
        TriggeredAt,
        status,
        status == CheckpointStatus.InProgress ? null : DateTimeOffset.UtcNow - TriggeredAt,
        StateSize,
        MaxAlignment,
        MaxSynchronousDuration,
        AcknowledgedCount,
        Acknowledged.Length,
        Location?.Path,
        failure);
}
