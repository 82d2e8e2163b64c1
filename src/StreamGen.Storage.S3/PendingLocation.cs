namespace StreamGen.Storage.S3;

/// <summary>
/// A checkpoint or savepoint between <c>Begin…</c> and commit or abort: the requests writing to it, so an
/// abort can cancel them and wait until none can still create an object before it deletes what they wrote.
/// </summary>
internal sealed class PendingLocation(S3ObjectPath path)
{
    private readonly Lock _lock = new();
    private readonly List<Task> _operations = [];

    public S3ObjectPath Path { get; } = path;

    /// <summary>Cancelled by an abort: ends the uploads still running for this location.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Removal of leftovers of an earlier attempt with the same id; every write waits for it.</summary>
    public Task Prepared { get; private set; } = Task.CompletedTask;

    public void Prepare(Task preparation) => Prepared = Track(preparation);

    public Task<T> Track<T>(Task<T> operation)
    {
        Track((Task)operation);
        return operation;
    }

    public Task Track(Task operation)
    {
        lock (_lock)
        {
            _operations.RemoveAll(t => t.IsCompleted);
            _operations.Add(operation);
        }

        return operation;
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until every tracked request has ended, however it ended.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        Task[] operations;
        lock (_lock)
        {
            operations = [.. _operations];
        }

        try
        {
            await Task.WhenAll(operations).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Failures of the writes were reported to their callers; only their end matters here.
        }
    }
}
