namespace StreamGen.Storage;

/// <summary>A checkpoint or savepoint is incomplete, truncated or fails its checksums.</summary>
public sealed class CorruptCheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorruptCheckpointException(string path, string reason, Exception? inner = null)
        : base($"Checkpoint '{path}' cannot be used: {reason}", inner)
    {
        CheckpointPath = path;
        Reason = reason;
    }

    /// <summary>The checkpoint's location.</summary>
    public string CheckpointPath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
