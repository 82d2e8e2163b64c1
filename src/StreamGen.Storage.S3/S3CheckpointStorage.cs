using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamGen.Storage.S3;

/// <summary>
/// Checkpoints on Amazon S3 or an S3-compatible object store, in the layout of
/// <see cref="FileSystemCheckpointStorage"/> with directories as key prefixes:
/// <c>s3://bucket/prefix/chk-&lt;id&gt;/</c> for checkpoints and
/// <c>s3://bucket/prefix/savepoints/savepoint-&lt;id&gt;[-name]/</c> for savepoints, each holding one object
/// per state file and a <c>_metadata</c> object written last. S3 has no rename, but a PUT is atomic (an
/// object is either absent or complete) and reads after writes are strongly consistent, so the
/// <c>_metadata</c> object plays the part of the file system's final rename: a checkpoint exists exactly
/// when it does.
/// </summary>
public sealed class S3CheckpointStorage : ICheckpointStorage, IDisposable
{
    /// <summary>Name of the object that completes a checkpoint.</summary>
    public const string MetadataObjectName = FileSystemCheckpointStorage.MetadataFileName;

    /// <summary>Name of the object (directly under the prefix) that records that a checkpoint completed here once.</summary>
    public const string CompletionMarkerObjectName = FileSystemCheckpointStorage.CompletionMarkerFileName;

    private const string CheckpointPrefix = "chk-";
    private const string SavepointsFolder = "savepoints";
    private const string SavepointPrefix = "savepoint-";

    // DeleteObjects takes at most this many keys per request.
    private const int DeleteBatchSize = 1000;

    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly S3ObjectPath _root;
    private readonly S3ObjectPath _savepoints;
    private readonly S3CheckpointStorageOptions _options;
    private readonly S3RequestRetry _retry;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PendingLocation> _pending = new(StringComparer.Ordinal);
    private volatile bool _markerWritten;

    /// <summary>
    /// Creates the storage at <paramref name="location"/> (<c>s3://bucket/prefix</c>) with a client built from
    /// <paramref name="options"/>: endpoint, region, path style, credentials (standard AWS chain unless set).
    /// </summary>
    public S3CheckpointStorage(string location, S3CheckpointStorageOptions? options = null, ILogger? logger = null)
        : this(S3ClientFactory.Create(options ?? new S3CheckpointStorageOptions()), location, options, logger, ownsClient: true)
    {
    }

    /// <summary>
    /// Creates the storage at <paramref name="location"/> (<c>s3://bucket/prefix</c>) over an existing client,
    /// which the caller keeps owning. Configure it without SDK retries (<c>MaxErrorRetry = 0</c>): the
    /// storage retries itself, as <paramref name="options"/> say.
    /// </summary>
    public S3CheckpointStorage(IAmazonS3 client, string location, S3CheckpointStorageOptions? options = null, ILogger? logger = null)
        : this(client, location, options, logger, ownsClient: false)
    {
    }

    private S3CheckpointStorage(IAmazonS3 client, string location, S3CheckpointStorageOptions? options, ILogger? logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new S3CheckpointStorageOptions();
        _options.Validate();
        _s3 = client;
        _ownsClient = ownsClient;
        _root = S3ObjectPath.Parse(location);
        _savepoints = _root.Child(SavepointsFolder);
        _logger = logger ?? NullLogger.Instance;
        _retry = new S3RequestRetry(_options, _logger);
    }

    /// <summary>The bucket checkpoints are written to.</summary>
    public string BucketName => _root.Bucket;

    /// <summary>The key prefix under which <c>chk-&lt;id&gt;/</c> and <c>savepoints/</c> are written (empty or ending with <c>/</c>).</summary>
    public string KeyPrefix => _root.Prefix;

    /// <inheritdoc />
    public string Description => _root.ToString();

    /// <inheritdoc />
    public CheckpointLocation BeginCheckpoint(long checkpointId)
        => Begin(checkpointId, CheckpointKind.Checkpoint, _root.Child(CheckpointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    public CheckpointLocation BeginSavepoint(long checkpointId, string? name)
    {
        var suffix = string.IsNullOrWhiteSpace(name) ? string.Empty : "-" + Sanitize(name);
        return Begin(checkpointId, CheckpointKind.Savepoint, _savepoints.Child(SavepointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture) + suffix));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Files above <see cref="S3CheckpointStorageOptions.MultipartThreshold"/> go up as multipart uploads,
    /// aborted on failure. Throws when the upload fails for good, when <paramref name="cancellationToken"/> is
    /// cancelled, or when the checkpoint is aborted meanwhile (e.g. at its timeout). Whatever a failed write
    /// left (a PUT can succeed on the server after the client gave up on it) is never part of a complete
    /// checkpoint, since no <c>_metadata</c> names it, and <see cref="AbortAsync"/> deletes it.
    /// </remarks>
    public async Task<StateFileHandle> WriteStateFileAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (fileName.Length == 0 || fileName == MetadataObjectName || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.StartsWith('.'))
        {
            throw new ArgumentException($"'{fileName}' is not a valid state file name.", nameof(fileName));
        }

        var pending = PendingOf(location);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pending.Cancellation.Token);
        var crc = Crc32C.Compute(data.Span);
        await pending.Track(WriteObjectAsync(pending, pending.Path.Key(fileName), data, cancellation.Token)).ConfigureAwait(false);
        return new StateFileHandle(fileName, data.Length, crc);
    }

    /// <inheritdoc />
    public async Task CommitAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(metadata);
        var pending = PendingOf(location);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pending.Cancellation.Token);
        await pending.Track(WriteObjectAsync(pending, pending.Path.Key(MetadataObjectName), CheckpointMetadataSerializer.Serialize(metadata), cancellation.Token)).ConfigureAwait(false);
        if (location.Kind == CheckpointKind.Checkpoint && !_markerWritten)
        {
            // After the _metadata, so the marker never exists without a completed checkpoint (a crash in between
            // leaves the complete checkpoint as the evidence). One PUT per process; overwriting it is harmless. The
            // checkpoint is durable already, so a failure is only logged and the next commit tries again.
            try
            {
                await pending.Track(WriteObjectAsync(pending, _root.Key(CompletionMarkerObjectName), CompletionMarker.Content(metadata), cancellation.Token)).ConfigureAwait(false);
                _markerWritten = true;
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not write the completion marker {Marker}; the next checkpoint tries again.", Uri(_root.Bucket, _root.Key(CompletionMarkerObjectName)));
            }
        }

        _pending.TryRemove(new KeyValuePair<string, PendingLocation>(location.Path, pending));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Cancels the uploads still running for <paramref name="location"/>, waits until none can create an
    /// object any more, then deletes every object under its prefix, <c>_metadata</c> first. Failures are
    /// logged, not thrown: <see cref="PruneAsync"/> removes leftovers later.
    /// </remarks>
    public async Task AbortAsync(CheckpointLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = S3ObjectPath.Parse(location.Path);
        if (_pending.TryRemove(location.Path, out var pending))
        {
            await pending.Cancellation.CancelAsync().ConfigureAwait(false);
            await pending.DrainAsync(_options.RequestTimeout).ConfigureAwait(false);
        }

        using var deadline = new CancellationTokenSource(OperationDeadline());
        try
        {
            await DeletePrefixAsync(path, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not delete aborted checkpoint {Path}; pruning removes it later.", path);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Costs one LIST (per 1000 checkpoints) plus one GET of <c>_metadata</c> per checkpoint tried, newest
    /// first, and the GETs of the state files of the one restored: never a scan of every object.
    /// </remarks>
    public async Task<CheckpointSearchResult> LoadLatestAsync(CancellationToken cancellationToken)
    {
        var rejected = new List<RejectedCheckpoint>();
        var checkpoints = await ListNumberedAsync(_root, CheckpointPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var (id, path) in checkpoints.OrderByDescending(c => c.Id))
        {
            try
            {
                var restored = await LoadAsync(path, cancellationToken).ConfigureAwait(false);
                return new CheckpointSearchResult(Description, restored, rejected, [], null);
            }
            catch (CorruptCheckpointException ex)
            {
                _logger.LogWarning("Skipping checkpoint {Path}: {Reason}. Falling back to an older checkpoint.", path, ex.Reason);
                var hasMetadata = await ExistsAsync(path.Bucket, path.Key(MetadataObjectName), cancellationToken).ConfigureAwait(false);
                rejected.Add(new RejectedCheckpoint(id, path.ToString(), ex.Reason, hasMetadata));
            }
        }

        // Nothing restores: list what tells of earlier runs (a LIST and a GET, only on this path).
        var savepoints = await ListNumberedAsync(_savepoints, SavepointPrefix, cancellationToken).ConfigureAwait(false);
        var markerKey = _root.Key(CompletionMarkerObjectName);
        var marker = await TryGetAsync(_root.Bucket, markerKey, cancellationToken).ConfigureAwait(false);
        return new CheckpointSearchResult(
            Description,
            null,
            rejected,
            savepoints.OrderByDescending(s => s.Id).Select(s => s.Path.ToString()).ToList(),
            marker is null ? null : $"{Uri(_root.Bucket, markerKey)} ({CompletionMarker.Describe(marker)})");
    }

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="path"/> is <c>s3://bucket/prefix/chk-7</c>, or relative to this storage's location
    /// (<c>chk-7</c>, <c>savepoints/savepoint-9-before-upgrade</c>).
    /// </remarks>
    public Task<RestoredCheckpoint> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return LoadAsync(S3ObjectPath.IsS3(path) ? S3ObjectPath.Parse(path) : _root.Child(path), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> GetHighestCheckpointIdAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await ListNumberedAsync(_root, CheckpointPrefix, cancellationToken).ConfigureAwait(false);
        var savepoints = await ListNumberedAsync(_savepoints, SavepointPrefix, cancellationToken).ConfigureAwait(false);
        return checkpoints.Concat(savepoints).Select(c => c.Id).DefaultIfEmpty(0).Max();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredCheckpoint>();
        var checkpoints = await ListNumberedAsync(_root, CheckpointPrefix, cancellationToken).ConfigureAwait(false);
        var savepoints = await ListNumberedAsync(_savepoints, SavepointPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var (_, path) in checkpoints.Concat(savepoints))
        {
            var metadata = await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false);
            if (metadata is not null)
            {
                result.Add(new StoredCheckpoint(path.ToString(), metadata));
            }
        }

        return result.OrderByDescending(c => c.Metadata.CheckpointId).ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>_metadata</c> newest first only until <paramref name="retained"/> complete checkpoints are
    /// found: everything older is deleted without being read.
    /// </remarks>
    public async Task PruneAsync(int retained, CancellationToken cancellationToken)
    {
        var keep = Math.Max(retained, 1);
        var complete = 0;
        var doomed = new List<S3ObjectPath>();
        var checkpoints = await ListNumberedAsync(_root, CheckpointPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var (_, path) in checkpoints.OrderByDescending(c => c.Id))
        {
            if (_pending.ContainsKey(path.ToString()))
            {
                continue; // being written by this process right now
            }

            if (complete >= keep)
            {
                doomed.Add(path);
                continue;
            }

            if (await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false) is not null)
            {
                complete++;
            }
            else if (complete > 0)
            {
                // Only leftovers older than the newest complete checkpoint: a newer one may be in progress.
                doomed.Add(path);
            }
        }

        foreach (var path in doomed)
        {
            try
            {
                await DeletePrefixAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not delete old checkpoint {Path}", path);
            }
        }
    }

    /// <summary>Disposes the S3 client if this storage created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    private CheckpointLocation Begin(long checkpointId, CheckpointKind kind, S3ObjectPath path)
    {
        var pending = new PendingLocation(path);
        if (_pending.TryRemove(path.ToString(), out var earlier))
        {
            earlier.Cancellation.Cancel();
        }

        _pending[path.ToString()] = pending;

        // Leftovers of an attempt that never completed (ids are reused only when the old one is incomplete
        // or corrupt). Begin is synchronous, so this runs in the background and every write waits for it.
        pending.Prepare(Task.Run(() => DeletePrefixAsync(path, pending.Cancellation.Token)));
        return new CheckpointLocation(checkpointId, kind, path.ToString());
    }

    private PendingLocation PendingOf(CheckpointLocation location)
        => _pending.TryGetValue(location.Path, out var pending)
            ? pending
            : throw new InvalidOperationException($"Checkpoint location {location.Path} is not open in {Description}: it was not begun by this storage, or it was already committed or aborted.");

    private async Task WriteObjectAsync(PendingLocation pending, string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await pending.Prepared.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (data.Length > _options.MultipartThreshold)
        {
            await MultipartUploadAsync(pending.Path.Bucket, key, data, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await PutAsync(pending.Path.Bucket, key, data, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task PutAsync(string bucket, string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var md5 = Md5Of(data.Span);
        return _retry.ExecuteAsync(
            "PUT",
            Uri(bucket, key),
            async token =>
            {
                using var body = AsStream(data);
                await _s3.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        InputStream = body,
                        AutoCloseStream = false,
                        MD5Digest = md5,
                        UseChunkEncoding = false,
                        ContentType = "application/octet-stream",
                    },
                    token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private async Task MultipartUploadAsync(string bucket, string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var target = Uri(bucket, key);
        var initiated = await _retry.ExecuteAsync(
            "CreateMultipartUpload",
            target,
            token => _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = "application/octet-stream" }, token),
            cancellationToken).ConfigureAwait(false);
        var uploadId = initiated.UploadId;
        try
        {
            var partSize = _options.MultipartPartSize;
            var count = (int)((data.Length + partSize - 1) / partSize);
            var parts = new PartETag[count];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentPartUploads, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (index, token) =>
            {
                var start = index * partSize;
                var part = data.Slice((int)start, (int)Math.Min(partSize, data.Length - start));
                var md5 = Md5Of(part.Span);
                var response = await _retry.ExecuteAsync(
                    "UploadPart " + (index + 1).ToString(CultureInfo.InvariantCulture) + "/" + count.ToString(CultureInfo.InvariantCulture),
                    target,
                    async attemptToken =>
                    {
                        using var body = AsStream(part);
                        return await _s3.UploadPartAsync(
                            new UploadPartRequest
                            {
                                BucketName = bucket,
                                Key = key,
                                UploadId = uploadId,
                                PartNumber = index + 1,
                                PartSize = part.Length,
                                InputStream = body,
                                MD5Digest = md5,
                                UseChunkEncoding = false,
                                IsLastPart = index == count - 1,
                            },
                            attemptToken).ConfigureAwait(false);
                    },
                    token).ConfigureAwait(false);
                parts[index] = new PartETag(index + 1, response.ETag);
            }).ConfigureAwait(false);

            await _retry.ExecuteAsync(
                "CompleteMultipartUpload",
                target,
                token => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartETags = [.. parts] }, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Uploaded parts are invisible but billed until the upload is aborted. The caller's token may be
            // the reason we are here, so the abort gets its own time limit.
            using var deadline = new CancellationTokenSource(_options.RequestTimeout);
            try
            {
                await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception abortFailure)
            {
                _logger.LogWarning(abortFailure, "Could not abort multipart upload {UploadId} of {Target}; a bucket lifecycle rule (AbortIncompleteMultipartUpload) removes its parts.", uploadId, target);
            }

            throw;
        }
    }

    private async Task<RestoredCheckpoint> LoadAsync(S3ObjectPath path, CancellationToken cancellationToken)
    {
        var display = path.ToString();
        var metadataBytes = await TryGetAsync(path.Bucket, path.Key(MetadataObjectName), cancellationToken).ConfigureAwait(false);
        if (metadataBytes is null)
        {
            throw new CorruptCheckpointException(display, await AnyObjectUnderAsync(path, cancellationToken).ConfigureAwait(false)
                ? "it has no _metadata object, so it never completed"
                : "no objects exist under this prefix");
        }

        var metadata = CheckpointMetadataSerializer.Deserialize(metadataBytes, display);
        var handles = metadata.States.Select(s => s.File).DistinctBy(f => f.FileName).ToList();
        var files = new ConcurrentDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentPartUploads);
        var reads = handles.Select(async handle =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                files[handle.FileName] = await ReadStateFileAsync(path, handle, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var all = Task.WhenAll(reads);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception) when (all.Exception?.InnerExceptions.OfType<CorruptCheckpointException>().FirstOrDefault() is { } corrupt)
        {
            // Report what is wrong with the checkpoint, not whichever read happened to fail first.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(corrupt);
        }

        return new RestoredCheckpoint(display, metadata, files);
    }

    private async Task<byte[]> ReadStateFileAsync(S3ObjectPath path, StateFileHandle handle, CancellationToken cancellationToken)
    {
        var display = path.ToString();
        var data = await TryGetAsync(path.Bucket, path.Key(handle.FileName), cancellationToken).ConfigureAwait(false)
            ?? throw new CorruptCheckpointException(display, $"state file '{handle.FileName}' is missing");
        if (data.Length != handle.Size)
        {
            throw new CorruptCheckpointException(display, $"state file '{handle.FileName}' has {data.Length} bytes, expected {handle.Size} (truncated?)");
        }

        if (Crc32C.Compute(data) != handle.Crc32C)
        {
            throw new CorruptCheckpointException(display, $"state file '{handle.FileName}' fails its CRC-32C checksum");
        }

        return data;
    }

    private async Task<CheckpointMetadata?> TryReadMetadataAsync(S3ObjectPath path, CancellationToken cancellationToken)
    {
        var bytes = await TryGetAsync(path.Bucket, path.Key(MetadataObjectName), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return CheckpointMetadataSerializer.Deserialize(bytes, path.ToString());
        }
        catch (CorruptCheckpointException)
        {
            return null;
        }
    }

    // The whole object, or null if it does not exist. Transport failures (after retries) throw: an
    // unreachable store must fail the restore, not make a checkpoint look absent.
    private async Task<byte[]?> TryGetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(
                "GET",
                Uri(bucket, key),
                async token =>
                {
                    using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, token).ConfigureAwait(false);
                    var length = response.ContentLength;
                    using var buffer = new MemoryStream(length is > 0 and <= int.MaxValue ? (int)length : 0);
                    await response.ResponseStream.CopyToAsync(buffer, token).ConfigureAwait(false);
                    return buffer.ToArray();
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    private async Task<bool> ExistsAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var response = await _retry.ExecuteAsync(
            "LIST",
            Uri(bucket, key),
            token => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key, MaxKeys = 1 }, token),
            cancellationToken).ConfigureAwait(false);
        return response.S3Objects is { Count: > 0 } objects && objects[0].Key == key;
    }

    private async Task<bool> AnyObjectUnderAsync(S3ObjectPath path, CancellationToken cancellationToken)
    {
        var response = await _retry.ExecuteAsync(
            "LIST",
            path.ToString() + "/",
            token => _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = path.Bucket, Prefix = path.Prefix, MaxKeys = 1 }, token),
            cancellationToken).ConfigureAwait(false);
        return response.S3Objects is { Count: > 0 };
    }

    // The numbered "sub-directories" chk-<id>/ (or savepoint-<id>[-name]/) of parent: LIST with delimiter
    // "/" returns one common prefix per checkpoint, however many objects each holds.
    private async Task<List<(long Id, S3ObjectPath Path)>> ListNumberedAsync(S3ObjectPath parent, string prefix, CancellationToken cancellationToken)
    {
        var result = new List<(long Id, S3ObjectPath Path)>();
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = parent.Bucket, Prefix = parent.Key(prefix), Delimiter = "/", ContinuationToken = continuation };
            var response = await _retry.ExecuteAsync("LIST", parent.ToString() + "/" + prefix + "*", token => _s3.ListObjectsV2Async(request, token), cancellationToken).ConfigureAwait(false);
            foreach (var common in response.CommonPrefixes ?? [])
            {
                var name = common.AsSpan(parent.Prefix.Length).TrimEnd('/');
                var number = name[prefix.Length..];
                var dash = number.IndexOf('-');
                if (long.TryParse(dash < 0 ? number : number[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    result.Add((id, parent.Child(name.ToString())));
                }
            }

            continuation = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (continuation is not null);

        return result;
    }

    // _metadata goes first, so a delete that stops half-way leaves an incomplete checkpoint, never a
    // complete-looking one with missing state files.
    private async Task DeletePrefixAsync(S3ObjectPath path, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = path.Bucket, Prefix = path.Prefix, ContinuationToken = continuation };
            var response = await _retry.ExecuteAsync("LIST", path.ToString() + "/", token => _s3.ListObjectsV2Async(request, token), cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            continuation = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (continuation is not null);

        var metadataKey = path.Key(MetadataObjectName);
        if (keys.Remove(metadataKey))
        {
            await _retry.ExecuteAsync("DELETE", Uri(path.Bucket, metadataKey), token => _s3.DeleteObjectAsync(path.Bucket, metadataKey, token), cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in keys.Chunk(DeleteBatchSize))
        {
            var request = new DeleteObjectsRequest { BucketName = path.Bucket, Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(), Quiet = true };
            var response = await _retry.ExecuteAsync("DeleteObjects", path.ToString() + "/", token => _s3.DeleteObjectsAsync(request, token), cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new IOException($"S3 DeleteObjects under {path}/ failed for {errors.Count} object(s), e.g. {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
            }
        }
    }

    private TimeSpan OperationDeadline()
        => (_options.RequestTimeout + _options.MaxBackoff) * (_options.MaxRetries + 1);

    private static bool IsNotFound(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            // A missing bucket is a 404 too, but a configuration error, not an absent checkpoint.
            if (ex is AmazonS3Exception s3 && (s3.ErrorCode is "NoSuchKey" || (s3.StatusCode == HttpStatusCode.NotFound && s3.ErrorCode is not "NoSuchBucket")))
            {
                return true;
            }
        }

        return false;
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> data)
        => MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    private static string Md5Of(ReadOnlySpan<byte> data) => Convert.ToBase64String(MD5.HashData(data));

    private static string Uri(string bucket, string key) => S3ObjectPath.Scheme + bucket + "/" + key;

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
