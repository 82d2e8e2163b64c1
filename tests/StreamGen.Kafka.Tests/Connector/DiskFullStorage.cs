using StreamGen.Storage;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>Checkpoint storage on a disk that is full: every state-file write fails as the OS reports ENOSPC.</summary>
internal sealed class DiskFullStorage(ICheckpointStorage inner) : ICheckpointStorage
{
    private const int Enospc = 28;

    public string Description => "full " + inner.Description;

    public CheckpointLocation BeginCheckpoint(long checkpointId) => inner.BeginCheckpoint(checkpointId);

    public CheckpointLocation BeginSavepoint(long checkpointId, string? name) => inner.BeginSavepoint(checkpointId, name);

    public Task<StateFileHandle> WriteStateFileAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => throw new IOException($"No space left on device : '{Path.Combine(location.Path, fileName)}'", Enospc);

    public Task CommitAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken cancellationToken) => inner.CommitAsync(location, metadata, cancellationToken);

    public Task AbortAsync(CheckpointLocation location) => inner.AbortAsync(location);

    public Task<CheckpointSearchResult> LoadLatestAsync(CancellationToken cancellationToken) => inner.LoadLatestAsync(cancellationToken);

    public Task<RestoredCheckpoint> LoadAsync(string path, CancellationToken cancellationToken) => inner.LoadAsync(path, cancellationToken);

    public Task<long> GetHighestCheckpointIdAsync(CancellationToken cancellationToken) => inner.GetHighestCheckpointIdAsync(cancellationToken);

    public Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task PruneAsync(int retained, CancellationToken cancellationToken) => inner.PruneAsync(retained, cancellationToken);
}
