namespace StreamGen.Checkpointing;

/// <summary>The consistency guarantee of checkpoints.</summary>
public enum CheckpointingMode
{
    /// <summary>
    /// Barriers are aligned: an operator with several input channels holds each channel that delivered
    /// barrier <c>n</c> until all did, so its snapshot reflects exactly the records before the barrier.
    /// State and exactly-once sinks see every record exactly once after recovery.
    /// </summary>
    ExactlyOnce,

    /// <summary>
    /// No alignment: channels are never held, the snapshot is taken when the last barrier arrives.
    /// Records that overtook a barrier may be replayed after recovery (counted twice), never lost.
    /// </summary>
    AtLeastOnce,
}
