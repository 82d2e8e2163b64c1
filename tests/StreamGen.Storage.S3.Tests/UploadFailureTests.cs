using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using StreamGen.Storage.S3.Tests.Infrastructure;

namespace StreamGen.Storage.S3.Tests;

/// <summary>
/// Injected failures: a write that fails for good throws and leaves nothing visible; a transient one is
/// retried; a hung one is abandoned at the request timeout or when the checkpoint is aborted.
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class UploadFailureTests(S3ServerFixture s3) : IDisposable
{
    // Bounds every wait, so a regression fails the test instead of hanging it (not a timing assertion).
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _root = s3.NewLocation("failures");
    private readonly IAmazonS3 _raw = s3.RawClient();

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task A_part_upload_that_keeps_failing_fails_the_write_and_aborts_the_upload()
    {
        var options = s3.Options(o =>
        {
            o.MultipartThreshold = 1024;
            o.MultipartPartSize = S3CheckpointStorageOptions.MinimumPartSize;
            o.MaxRetries = 2;
        });
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call.Operation == "UploadPart" && call.Number >= 2 ? throw ServerError("InternalError", HttpStatusCode.InternalServerError) : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var location = storage.BeginCheckpoint(1);
        var data = new byte[(11 * 1024 * 1024) + 1]; // three parts

        var ex = await Assert.ThrowsAsync<IOException>(() => storage.WriteStateFileAsync(location, "big.state", data, default).WaitAsync(Bound));

        Assert.Contains("UploadPart", ex.Message);
        Assert.Contains("big.state", ex.Message);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Equal(1, client.Count("AbortMultipartUpload"));
        Assert.Equal(0, client.Count("CompleteMultipartUpload"));
        Assert.DoesNotContain("chk-1/big.state", await Checkpoints.KeysUnderAsync(_raw, _root));

        await storage.AbortAsync(location);
        Assert.Empty(await Checkpoints.KeysUnderAsync(_raw, _root));
        Assert.Null((await storage.LoadLatestAsync(default)).Restored);
    }

    [Fact]
    public async Task A_rejected_put_fails_at_once_without_retrying_and_says_what_to_check()
    {
        var options = s3.Options();
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call is { Operation: "PutObject", Number: 2 } ? throw ServerError("AccessDenied", HttpStatusCode.Forbidden) : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "a.state", new byte[] { 1 }, default);

        var ex = await Assert.ThrowsAsync<IOException>(() => storage.WriteStateFileAsync(location, "b.state", new byte[] { 2 }, default).WaitAsync(Bound));

        Assert.Contains("1 attempt", ex.Message);
        Assert.Contains("credentials", ex.Message);
        Assert.Equal(2, client.Count("PutObject"));
        Assert.Equal(["chk-1/a.state"], await Checkpoints.KeysUnderAsync(_raw, _root));
        Assert.Null((await storage.LoadLatestAsync(default)).Restored);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_the_write_succeeds()
    {
        var options = s3.Options(o => o.MaxRetries = 4);
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call.Operation == "PutObject" && call.Number <= 2
            ? throw (call.Number == 1 ? ServerError("SlowDown", HttpStatusCode.ServiceUnavailable) : new HttpRequestException("connection reset (injected)"))
            : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);

        await Checkpoints.WriteAsync(storage, 1, "survives").WaitAsync(Bound);

        Assert.Equal(5, client.Count("PutObject")); // state file: 2 failures + 1 success; completion marker: 1; _metadata: 1
        var restored = (await storage.LoadLatestAsync(default)).Restored;
        Assert.Equal("survives"u8.ToArray(), restored!.ReadStateFile(restored.Metadata.States[0].File).ToArray());
    }

    [Fact]
    public async Task A_hung_upload_is_abandoned_at_the_request_timeout_and_the_write_throws()
    {
        var options = s3.Options(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        });
        using var client = s3.Client(options);
        client.BeforeRequest = (call, token) => call.Operation == "PutObject" ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var location = storage.BeginCheckpoint(1);

        var ex = await Assert.ThrowsAsync<IOException>(() => storage.WriteStateFileAsync(location, "slow.state", new byte[] { 1 }, default).WaitAsync(Bound));

        Assert.Contains("no response within 300 ms", ex.Message);
        Assert.Equal(2, client.Count("PutObject"));
        Assert.Empty(await Checkpoints.KeysUnderAsync(_raw, _root));
    }

    [Fact]
    public async Task Aborting_a_checkpoint_cancels_its_running_uploads_and_deletes_what_they_wrote()
    {
        var options = s3.Options();
        using var client = s3.Client(options);
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.BeforeRequest = (call, token) =>
        {
            if (call is { Operation: "PutObject" } && call.Key.EndsWith("slow.state", StringComparison.Ordinal))
            {
                hung.TrySetResult();
                return Task.Delay(Timeout.Infinite, token);
            }

            return Task.CompletedTask;
        };
        using var storage = new S3CheckpointStorage(client, _root, options);
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "fast.state", new byte[] { 1 }, default);
        var slow = storage.WriteStateFileAsync(location, "slow.state", new byte[] { 2 }, default);
        await hung.Task.WaitAsync(Bound);

        await storage.AbortAsync(location).WaitAsync(Bound);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.WaitAsync(Bound));
        Assert.Empty(await Checkpoints.KeysUnderAsync(_raw, _root));
    }

    [Fact]
    public async Task The_callers_token_ends_a_write_that_is_retrying()
    {
        var options = s3.Options(o =>
        {
            o.MaxRetries = 1000;
            o.InitialBackoff = TimeSpan.FromMilliseconds(50);
        });
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call.Operation == "PutObject" ? throw ServerError("SlowDown", HttpStatusCode.ServiceUnavailable) : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var location = storage.BeginCheckpoint(1);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.WriteStateFileAsync(location, "a.state", new byte[] { 1 }, cancellation.Token).WaitAsync(Bound));
        Assert.Empty(await Checkpoints.KeysUnderAsync(_raw, _root));
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_fails_the_restore_instead_of_pretending_nothing_is_there()
    {
        using var writer = new S3CheckpointStorage(_root, s3.Options());
        await Checkpoints.WriteAsync(writer, 1, "one");
        var options = s3.Options(o => o.MaxRetries = 1);
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call.Operation == "GetObject" ? throw new HttpRequestException("connection refused (injected)") : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);

        var ex = await Assert.ThrowsAsync<IOException>(() => storage.LoadLatestAsync(default).WaitAsync(Bound));
        Assert.Contains("_metadata", ex.Message);
    }

    [Fact]
    public async Task Discarding_a_checkpoint_deletes_its_metadata_first_so_a_delete_that_stops_half_way_never_leaves_a_complete_looking_checkpoint()
    {
        var options = s3.Options(o => o.MaxRetries = 1);
        using var client = s3.Client(options);
        using var storage = new S3CheckpointStorage(client, _root, options);
        var old = storage.BeginCheckpoint(1);
        var handles = new List<StateFileHandle>();
        for (var f = 0; f < 3; f++)
        {
            handles.Add(await storage.WriteStateFileAsync(old, $"op-{f}.state", new byte[] { 1, (byte)f }, default));
        }

        await storage.CommitAsync(old, Checkpoints.Metadata(old, [.. handles]), default);
        await Checkpoints.WriteAsync(storage, 2, "two");

        // Pruning chk-1 stops after its first request: the batch delete of the state files fails for good.
        client.BeforeRequest = (call, _) => call.Operation == "DeleteObjects" ? throw ServerError("InternalError", HttpStatusCode.InternalServerError) : Task.CompletedTask;
        await storage.PruneAsync(1, default).WaitAsync(Bound);

        var left = await Checkpoints.KeysUnderAsync(_raw, _root);
        Assert.Equal(["chk-1/op-0.state", "chk-1/op-1.state", "chk-1/op-2.state"], left.Where(k => k.StartsWith("chk-1/", StringComparison.Ordinal)));
        Assert.Equal("chk-1/_metadata", Assert.Single(client.Calls, c => c.Operation == "DeleteObject").Key[Checkpoints.Split(_root).Prefix.Length..]);
        var deleteMetadata = client.Calls.ToList().FindIndex(c => c.Operation == "DeleteObject");
        var deleteStates = client.Calls.ToList().FindIndex(c => c.Operation == "DeleteObjects");
        Assert.True(deleteMetadata < deleteStates, "_metadata must be deleted before the state files");
        Assert.Equal([2L], (await storage.ListAsync(default)).Select(c => c.Metadata.CheckpointId));

        // The next prune finishes the job.
        client.BeforeRequest = null;
        await storage.PruneAsync(1, default);
        Assert.DoesNotContain(await Checkpoints.KeysUnderAsync(_raw, _root), k => k.StartsWith("chk-1/", StringComparison.Ordinal));
    }

        private static AmazonS3Exception ServerError(string code, HttpStatusCode status)
        => new($"{code} (injected)", ErrorType.Receiver, code, "injected-request", status);
}
