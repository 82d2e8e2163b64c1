namespace StreamGen.Storage;

/// <summary>Whether a snapshot is a periodic checkpoint or a user-triggered savepoint.</summary>
public enum CheckpointKind
{
    /// <summary>Periodic; retained only while among the newest complete ones.</summary>
    Checkpoint,

    /// <summary>Triggered on demand; never deleted automatically; restorable by path.</summary>
    Savepoint,
}
