namespace StreamGen.Diagnostics;

/// <summary>The state of a checkpoint in the history.</summary>
public enum CheckpointStatus
{
    /// <summary>Triggered; waiting for acknowledgements or the metadata commit.</summary>
    InProgress,

    /// <summary>Every task acknowledged and <c>_metadata</c> is durable.</summary>
    Completed,

    /// <summary>Declined, timed out, subsumed or failed to commit; its files were discarded.</summary>
    Failed,
}
