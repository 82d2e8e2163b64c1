using System.Collections.Concurrent;
using Amazon.S3;
using Amazon.S3.Model;
using StreamGen.Storage.S3;

namespace StreamGen.Storage.S3.Tests.Infrastructure;

/// <summary>
/// The real client, with a hook before each request the storage makes: a test can count requests, fail the
/// N-th <c>PutObject</c> or <c>UploadPart</c>, or make one hang until its token is cancelled.
/// </summary>
public sealed class FaultInjectingS3Client : AmazonS3Client
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private FaultInjectingS3Client(Amazon.Runtime.AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
    }

    private FaultInjectingS3Client(AmazonS3Config config)
        : base(config)
    {
    }

    /// <summary>Runs before each request; may throw (the request then fails) or delay.</summary>
    public Func<S3Call, CancellationToken, Task>? BeforeRequest { get; set; }

    public ConcurrentQueue<S3Call> Calls { get; } = new();

    public static FaultInjectingS3Client Create(S3CheckpointStorageOptions options)
    {
        var config = S3ClientFactory.CreateConfig(options);
        return options.Credentials is null ? new FaultInjectingS3Client(config) : new FaultInjectingS3Client(options.Credentials, config);
    }

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    public override async Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("PutObject", request.Key, cancellationToken);
        return await base.PutObjectAsync(request, cancellationToken);
    }

    public override async Task<UploadPartResponse> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("UploadPart", request.Key, cancellationToken);
        return await base.UploadPartAsync(request, cancellationToken);
    }

    public override async Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("CreateMultipartUpload", request.Key, cancellationToken);
        return await base.InitiateMultipartUploadAsync(request, cancellationToken);
    }

    public override async Task<CompleteMultipartUploadResponse> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("CompleteMultipartUpload", request.Key, cancellationToken);
        return await base.CompleteMultipartUploadAsync(request, cancellationToken);
    }

    public override async Task<AbortMultipartUploadResponse> AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("AbortMultipartUpload", request.Key, cancellationToken);
        return await base.AbortMultipartUploadAsync(request, cancellationToken);
    }

    public override async Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("GetObject", request.Key, cancellationToken);
        return await base.GetObjectAsync(request, cancellationToken);
    }

    public override async Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("ListObjectsV2", request.Prefix, cancellationToken);
        return await base.ListObjectsV2Async(request, cancellationToken);
    }

    public override async Task<DeleteObjectResponse> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("DeleteObject", request.Key, cancellationToken);
        return await base.DeleteObjectAsync(request, cancellationToken);
    }

    public override async Task<DeleteObjectsResponse> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default)
    {
        await BeforeAsync("DeleteObjects", request.Objects.FirstOrDefault()?.Key ?? string.Empty, cancellationToken);
        return await base.DeleteObjectsAsync(request, cancellationToken);
    }

    private Task BeforeAsync(string operation, string key, CancellationToken cancellationToken)
    {
        var number = _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var call = new S3Call(operation, key, number);
        Calls.Enqueue(call);
        return BeforeRequest?.Invoke(call, cancellationToken) ?? Task.CompletedTask;
    }
}
