using StreamGen.Storage.S3.Tests.Infrastructure;

namespace StreamGen.Storage.S3.Tests;

[Collection(S3ServerCollection.Name)]
public sealed class MultipartUploadTests(S3ServerFixture s3)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_state_file_above_the_threshold_goes_up_in_parts_and_round_trips()
    {
        var options = s3.Options(o =>
        {
            o.MultipartThreshold = 1 * MiB;
            o.MultipartPartSize = S3CheckpointStorageOptions.MinimumPartSize;
        });
        using var client = s3.Client(options);
        var root = s3.NewLocation("multipart");
        using var storage = new S3CheckpointStorage(client, root, options);
        var data = new byte[(11 * MiB) + 12345];
        new Random(42).NextBytes(data);

        var location = storage.BeginCheckpoint(1);
        var handle = await storage.WriteStateFileAsync(location, "big.state", data, default);
        var small = await storage.WriteStateFileAsync(location, "small.state", new byte[MiB], default);
        await storage.CommitAsync(location, Checkpoints.Metadata(location, handle, small), default);

        Assert.Equal(1, client.Count("CreateMultipartUpload"));
        Assert.Equal(3, client.Count("UploadPart"));
        Assert.Equal(1, client.Count("CompleteMultipartUpload"));
        Assert.Equal([S3CheckpointStorage.CompletionMarkerObjectName, "_metadata", "small.state"], client.Calls.Where(c => c.Operation == "PutObject").Select(c => c.Key[(c.Key.LastIndexOf('/') + 1)..]).Order());
        Assert.Equal(data.Length, handle.Size);
        Assert.Equal(Crc32C.Compute(data), handle.Crc32C);

        var restored = (await new S3CheckpointStorage(root, s3.Options()).LoadLatestAsync(default)).Restored;
        Assert.True(data.AsSpan().SequenceEqual(restored!.ReadStateFile(handle).Span));
        Assert.Equal(MiB, restored.ReadStateFile(small).Length);
    }
}
