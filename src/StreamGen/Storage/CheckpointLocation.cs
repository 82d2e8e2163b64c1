namespace StreamGen.Storage;

/// <summary>Where the files of one checkpoint or savepoint are written.</summary>
/// <param name="CheckpointId">The checkpoint id (savepoints get one from the same sequence).</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="Path">The directory (or object-store prefix) holding the files.</param>
public sealed record CheckpointLocation(long CheckpointId, CheckpointKind Kind, string Path);
