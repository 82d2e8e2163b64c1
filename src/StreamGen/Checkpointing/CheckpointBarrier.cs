using StreamGen.Storage;

namespace StreamGen.Checkpointing;

/// <summary>
/// The in-band marker of checkpoint <see cref="CheckpointId"/>: every record before it on a channel
/// belongs to the snapshot, every record after it does not.
/// </summary>
internal sealed class CheckpointBarrier
{
    public CheckpointBarrier(long checkpointId, DateTimeOffset timestamp, CheckpointKind kind, bool isFinal)
    {
        CheckpointId = checkpointId;
        Timestamp = timestamp;
        Kind = kind;
        IsFinal = isFinal;
    }

    public long CheckpointId { get; }

    public DateTimeOffset Timestamp { get; }

    public CheckpointKind Kind { get; }

    /// <summary>
    /// The checkpoint taken after every source finished its bounded input. Sources send end-of-input
    /// only after it completed, so exactly-once sinks commit their last epoch before the job ends.
    /// </summary>
    public bool IsFinal { get; }

    public override string ToString() => $"barrier {CheckpointId}{(IsFinal ? " (final)" : string.Empty)}";
}
