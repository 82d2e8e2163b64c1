namespace StreamGen.Storage;

/// <summary>A complete checkpoint or savepoint found in storage.</summary>
/// <param name="Path">Its location, usable with <see cref="ICheckpointStorage.LoadAsync"/>.</param>
/// <param name="Metadata">Its metadata.</param>
public sealed record StoredCheckpoint(string Path, CheckpointMetadata Metadata);
