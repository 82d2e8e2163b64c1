namespace StreamGen.Checkpointing;

/// <summary>
/// Hands out checkpoint ids for a job execution, across restarts. It starts after the highest id ever
/// started in the storage, so a new process never reuses the id of a checkpoint a crash left behind.
/// </summary>
internal sealed class CheckpointIdCounter
{
    private long _last;

    public CheckpointIdCounter(long highestUsed) => _last = highestUsed;

    public long Next() => Interlocked.Increment(ref _last);
}
