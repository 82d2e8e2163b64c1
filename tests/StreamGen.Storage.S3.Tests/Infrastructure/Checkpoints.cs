using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using StreamGen.State;

namespace StreamGen.Storage.S3.Tests.Infrastructure;

/// <summary>Writing small checkpoints, and tampering with objects the way a crash or bit rot would.</summary>
public static class Checkpoints
{
    public const string StateFile = "count-0.state";

    public static async Task<CheckpointLocation> WriteAsync(ICheckpointStorage storage, long id, string content)
    {
        var location = storage.BeginCheckpoint(id);
        await CommitAsync(storage, location, Encoding.UTF8.GetBytes(content));
        return location;
    }

    public static async Task CommitAsync(ICheckpointStorage storage, CheckpointLocation location, byte[] content)
    {
        var handle = await storage.WriteStateFileAsync(location, StateFile, content, default);
        await storage.CommitAsync(location, Metadata(location, handle), default);
    }

    public static CheckpointMetadata Metadata(CheckpointLocation location, params StateFileHandle[] handles)
        => new(
            location.CheckpointId,
            location.Kind,
            "test-job",
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            handles.Select((h, i) => new OperatorSubtaskStateHandle("count", i, handles.Length, 128, "keyed", "abc", new KeyGroupRange(0, 128), h)).ToList());

    public static (string Bucket, string Prefix) Split(string location)
    {
        var rest = location["s3://".Length..];
        var slash = rest.IndexOf('/');
        return (rest[..slash], rest[(slash + 1)..] + "/");
    }

    public static async Task<List<string>> KeysUnderAsync(IAmazonS3 s3, string location)
    {
        var (bucket, prefix) = Split(location);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key[prefix.Length..]));
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);

        return keys.Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<byte[]> GetAsync(IAmazonS3 s3, string location, string name)
    {
        var (bucket, prefix) = Split(location);
        using var response = await s3.GetObjectAsync(bucket, prefix + name);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static async Task PutAsync(IAmazonS3 s3, string location, string name, byte[] content)
    {
        var (bucket, prefix) = Split(location);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = prefix + name, InputStream = new MemoryStream(content), UseChunkEncoding = false });
    }

    public static async Task DeleteAsync(IAmazonS3 s3, string location, string name)
    {
        var (bucket, prefix) = Split(location);
        await s3.DeleteObjectAsync(bucket, prefix + name);
    }

    public static async Task FlipAsync(IAmazonS3 s3, string location, string name)
    {
        var bytes = await GetAsync(s3, location, name);
        bytes[bytes.Length / 2] ^= 0x10;
        await PutAsync(s3, location, name, bytes);
    }
}
