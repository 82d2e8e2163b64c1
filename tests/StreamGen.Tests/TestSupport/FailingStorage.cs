using StreamGen.Storage;

namespace StreamGen.Tests.TestSupport;

/// <summary>Checkpoint storage whose state-file writes fail for chosen checkpoint ids (with <paramref name="error"/>, or an IOException).</summary>
public sealed class FailingStorage(ICheckpointStorage inner, Func<long, bool> failWrite, Func<string, Exception>? error = null) : ICheckpointStorage
{
    public int Aborted;

    public string Description => "failing " + inner.Description;

    public CheckpointLocation BeginCheckpoint(long checkpointId) => inner.BeginCheckpoint(checkpointId);

    public CheckpointLocation BeginSavepoint(long checkpointId, string? name) => inner.BeginSavepoint(checkpointId, name);

    public Task<StateFileHandle> WriteStateFileAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => failWrite(location.CheckpointId)
            ? throw (error?.Invoke(Path.Combine(location.Path, fileName)) ?? new IOException($"disk full (injected) writing {fileName}"))
            : inner.WriteStateFileAsync(location, fileName, data, cancellationToken);

    public Task CommitAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken cancellationToken) => inner.CommitAsync(location, metadata, cancellationToken);

    public Task AbortAsync(CheckpointLocation location)
    {
        Interlocked.Increment(ref Aborted);
        return inner.AbortAsync(location);
    }

    public Task<CheckpointSearchResult> LoadLatestAsync(CancellationToken cancellationToken) => inner.LoadLatestAsync(cancellationToken);

    public Task<RestoredCheckpoint> LoadAsync(string path, CancellationToken cancellationToken) => inner.LoadAsync(path, cancellationToken);

    public Task<long> GetHighestCheckpointIdAsync(CancellationToken cancellationToken) => inner.GetHighestCheckpointIdAsync(cancellationToken);

    public Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task PruneAsync(int retained, CancellationToken cancellationToken) => inner.PruneAsync(retained, cancellationToken);
}
