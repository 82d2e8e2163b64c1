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

    /// <summary>
    /// Continues after <paramref name="restoredId"/> when it is higher (a savepoint from elsewhere), so every
    /// checkpoint of the restored run has a higher id than what it was restored from.
    /// </summary>
    public void ContinueAfter(long restoredId)
    {
        var last = Volatile.Read(ref _last);
        while (restoredId > last)
        {
            var seen = Interlocked.CompareExchange(ref _last, restoredId, last);
            if (seen == last)
            {
                return;
            }

            last = seen;
        }
    }
}
