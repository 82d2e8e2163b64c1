namespace StreamGen.Checkpointing;

/// <summary>A checkpoint or savepoint was aborted (declined, timed out, subsumed, or its commit failed).</summary>
public sealed class CheckpointFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointFailedException(long checkpointId, string message, Exception? cause = null)
        : base($"Checkpoint {checkpointId} failed: {message}", cause)
    {
        CheckpointId = checkpointId;
    }

    /// <summary>The checkpoint id.</summary>
    public long CheckpointId { get; }
}
