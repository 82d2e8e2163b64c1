namespace StreamGen.Storage;

/// <summary>
/// Durable storage of checkpoints and savepoints. A checkpoint is a set of state files plus a
/// <c>_metadata</c> file written last; only a checkpoint whose metadata exists and whose files all match
/// their checksums is complete. Implementations: <see cref="FileSystemCheckpointStorage"/>; object stores
/// fit the same interface (files become objects, directories become prefixes).
/// </summary>
public interface ICheckpointStorage
{
    /// <summary>A human-readable description of where checkpoints go, for logs.</summary>
    string Description { get; }

    /// <summary>Prepares the location of checkpoint <paramref name="checkpointId"/>, discarding leftovers of an earlier attempt with that id.</summary>
    CheckpointLocation BeginCheckpoint(long checkpointId);

    /// <summary>Prepares the location of a savepoint; <paramref name="name"/> becomes part of its path.</summary>
    CheckpointLocation BeginSavepoint(long checkpointId, string? name);

    /// <summary>Durably writes one state file and returns its handle (size and checksum).</summary>
    Task<StateFileHandle> WriteStateFileAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Durably writes <c>_metadata</c>, completing the checkpoint. When the first checkpoint (not savepoint)
    /// completes in a storage, the storage then durably records that one did (a completion marker), so that losing
    /// every checkpoint later is told apart from a storage that never held one.
    /// </summary>
    Task CommitAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken cancellationToken);

    /// <summary>Deletes whatever an aborted checkpoint wrote.</summary>
    Task AbortAsync(CheckpointLocation location);

    /// <summary>
    /// Looks for the newest complete and valid checkpoint (savepoints are never picked). Incomplete, truncated
    /// or corrupt checkpoints are skipped with a warning naming them and listed in the result; when none
    /// restores, the result also lists the savepoints and the completion marker, the traces of earlier runs.
    /// </summary>
    Task<CheckpointSearchResult> LoadLatestAsync(CancellationToken cancellationToken);

    /// <summary>Loads a checkpoint or savepoint by its path.</summary>
    /// <exception cref="CorruptCheckpointException">It is incomplete or fails its checksums.</exception>
    Task<RestoredCheckpoint> LoadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The highest checkpoint id ever started in this storage (complete or not), or 0. New ids continue after it.</summary>
    Task<long> GetHighestCheckpointIdAsync(CancellationToken cancellationToken);

    /// <summary>Lists the complete checkpoints and savepoints, newest first, without verifying state files.</summary>
    Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the newest <paramref name="retained"/> complete checkpoints and deletes older ones, and
    /// leftovers of incomplete checkpoints older than the newest complete one. Never deletes savepoints.
    /// </summary>
    Task PruneAsync(int retained, CancellationToken cancellationToken);
}
