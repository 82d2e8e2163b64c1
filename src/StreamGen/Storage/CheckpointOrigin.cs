namespace StreamGen.Storage;

/// <summary>
/// The snapshot a job was explicitly started from (<c>RestoreFrom</c>: a savepoint, or a retained checkpoint),
/// carried in the metadata of every checkpoint taken since and through every restart from them. With it a
/// restart tells checkpoints that continued from that snapshot (they win over it: a restart must not rewind)
/// from older checkpoints of another run (the snapshot wins over them: the user asked for it).
/// </summary>
/// <param name="CheckpointId">The snapshot's checkpoint id.</param>
/// <param name="Kind">Savepoint or checkpoint.</param>
/// <param name="TriggeredAt">When the snapshot was triggered; with the id it identifies the snapshot wherever it is stored.</param>
/// <param name="Path">Where it was restored from, for people reading the metadata.</param>
public sealed record CheckpointOrigin(long CheckpointId, CheckpointKind Kind, DateTimeOffset TriggeredAt, string Path)
{
    /// <summary>The origin that names <paramref name="snapshot"/>.</summary>
    public static CheckpointOrigin Of(RestoredCheckpoint snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new CheckpointOrigin(snapshot.Metadata.CheckpointId, snapshot.Metadata.Kind, snapshot.Metadata.TriggeredAt, snapshot.Path);
    }

    /// <summary>Whether this origin is <paramref name="snapshot"/> (same id and trigger time, wherever it is stored now).</summary>
    public bool Is(CheckpointMetadata snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.CheckpointId == CheckpointId && snapshot.TriggeredAt == TriggeredAt;
    }

    /// <summary>Whether <paramref name="other"/> names the same snapshot (its path may differ: snapshots can be moved).</summary>
    public bool Is(CheckpointOrigin other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.CheckpointId == CheckpointId && other.TriggeredAt == TriggeredAt;
    }
}
