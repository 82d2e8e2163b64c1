using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamGen.Storage;

/// <summary>
/// Checkpoints on a local or mounted file system:
/// <c>&lt;root&gt;/chk-&lt;id&gt;/</c> for checkpoints and <c>&lt;root&gt;/savepoints/savepoint-&lt;id&gt;[-name]/</c> for
/// savepoints, each holding one file per operator subtask and a <c>_metadata</c> file written last.
/// Every file is written to a temporary name, fsynced, renamed and its directory fsynced.
/// </summary>
public sealed class FileSystemCheckpointStorage : ICheckpointStorage
{
    /// <summary>Name of the file that completes a checkpoint.</summary>
    public const string MetadataFileName = "_metadata";

    /// <summary>
    /// Name of the file that records that a checkpoint completed in this storage once. It is written right after
    /// the first checkpoint's <c>_metadata</c> and never deleted, so a storage whose checkpoints were all lost or
    /// damaged is not mistaken for one that never held any.
    /// </summary>
    public const string CompletionMarkerFileName = "_checkpointed";

    private const string CheckpointPrefix = "chk-";
    private const string SavepointPrefix = "savepoint-";
    private readonly string _root;
    private readonly string _savepoints;
    private readonly ILogger _logger;
    private volatile bool _markerWritten;

    /// <summary>Creates the storage, creating <paramref name="rootPath"/> if needed.</summary>
    public FileSystemCheckpointStorage(string rootPath, ILogger? logger = null)
    {
        _root = Path.GetFullPath(rootPath);
        _savepoints = Path.Combine(_root, "savepoints");
        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(_root);
    }

    /// <summary>The root directory.</summary>
    public string RootPath => _root;

    /// <inheritdoc />
    public string Description => $"file://{_root}";

    /// <inheritdoc />
    public CheckpointLocation BeginCheckpoint(long checkpointId)
    {
        var path = Path.Combine(_root, CheckpointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(path))
        {
            // Leftovers of an attempt that never completed (ids are reused only when the old one is incomplete or corrupt).
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        DurableFile.SyncDirectory(_root);
        return new CheckpointLocation(checkpointId, CheckpointKind.Checkpoint, path);
    }

    /// <inheritdoc />
    public CheckpointLocation BeginSavepoint(long checkpointId, string? name)
    {
        Directory.CreateDirectory(_savepoints);
        var suffix = string.IsNullOrWhiteSpace(name) ? string.Empty : "-" + Sanitize(name);
        var path = Path.Combine(_savepoints, SavepointPrefix + checkpointId.ToString(CultureInfo.InvariantCulture) + suffix);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        DurableFile.SyncDirectory(_savepoints);
        return new CheckpointLocation(checkpointId, CheckpointKind.Savepoint, path);
    }

    /// <inheritdoc />
    public async Task<StateFileHandle> WriteStateFileAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (fileName.Length == 0 || fileName == MetadataFileName || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.StartsWith('.'))
        {
            throw new ArgumentException($"'{fileName}' is not a valid state file name.", nameof(fileName));
        }

        await DurableFile.WriteAsync(Path.Combine(location.Path, fileName), data, cancellationToken).ConfigureAwait(false);
        return new StateFileHandle(fileName, data.Length, Crc32C.Compute(data.Span));
    }

    /// <inheritdoc />
    public async Task CommitAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        await DurableFile.WriteAsync(Path.Combine(location.Path, MetadataFileName), CheckpointMetadataSerializer.Serialize(metadata), cancellationToken).ConfigureAwait(false);
        if (location.Kind == CheckpointKind.Checkpoint && !_markerWritten)
        {
            await WriteCompletionMarkerAsync(metadata, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task AbortAsync(CheckpointLocation location)
    {
        try
        {
            if (Directory.Exists(location.Path))
            {
                Directory.Delete(location.Path, recursive: true);
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not delete aborted checkpoint {Path}", location.Path);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<CheckpointSearchResult> LoadLatestAsync(CancellationToken cancellationToken)
    {
        var rejected = new List<RejectedCheckpoint>();
        foreach (var (id, path) in CheckpointDirectories().OrderByDescending(d => d.Id))
        {
            try
            {
                var restored = await LoadAsync(path, cancellationToken).ConfigureAwait(false);
                return new CheckpointSearchResult(Description, restored, rejected, [], null);
            }
            catch (CorruptCheckpointException ex)
            {
                _logger.LogWarning("Skipping checkpoint {Path}: {Reason}. Falling back to an older checkpoint.", path, ex.Reason);
                rejected.Add(new RejectedCheckpoint(id, path, ex.Reason, File.Exists(Path.Combine(path, MetadataFileName))));
            }
        }

        var savepoints = SavepointDirectories().OrderByDescending(d => d.Id).Select(d => d.Path).ToList();
        var marker = Path.Combine(_root, CompletionMarkerFileName);
        var markerText = File.Exists(marker)
            ? $"{marker} ({CompletionMarker.Describe(await File.ReadAllBytesAsync(marker, cancellationToken).ConfigureAwait(false))})"
            : null;
        return new CheckpointSearchResult(Description, null, rejected, savepoints, markerText);
    }

    /// <inheritdoc />
    public async Task<RestoredCheckpoint> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var metadataPath = Path.Combine(full, MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            throw new CorruptCheckpointException(full, Directory.Exists(full)
                ? "it has no _metadata file, so it never completed"
                : "the directory does not exist");
        }

        var metadata = CheckpointMetadataSerializer.Deserialize(await File.ReadAllBytesAsync(metadataPath, cancellationToken).ConfigureAwait(false), full);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>();
        foreach (var state in metadata.States)
        {
            var handle = state.File;
            if (files.ContainsKey(handle.FileName))
            {
                continue;
            }

            var filePath = Path.Combine(full, handle.FileName);
            if (!File.Exists(filePath))
            {
                throw new CorruptCheckpointException(full, $"state file '{handle.FileName}' is missing");
            }

            var data = await File.ReadAllBytesAsync(filePath, cancellationToken).ConfigureAwait(false);
            if (data.Length != handle.Size)
            {
                throw new CorruptCheckpointException(full, $"state file '{handle.FileName}' has {data.Length} bytes, expected {handle.Size} (truncated?)");
            }

            if (Crc32C.Compute(data) != handle.Crc32C)
            {
                throw new CorruptCheckpointException(full, $"state file '{handle.FileName}' fails its CRC-32C checksum");
            }

            files.Add(handle.FileName, data);
        }

        return new RestoredCheckpoint(full, metadata, files);
    }

    /// <inheritdoc />
    public Task<long> GetHighestCheckpointIdAsync(CancellationToken cancellationToken)
    {
        var ids = CheckpointDirectories().Select(d => d.Id).Concat(SavepointDirectories().Select(d => d.Id));
        return Task.FromResult(ids.DefaultIfEmpty(0).Max());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredCheckpoint>();
        foreach (var (_, path) in CheckpointDirectories().Concat(SavepointDirectories()))
        {
            var metadata = await TryReadMetadataAsync(path, cancellationToken).ConfigureAwait(false);
            if (metadata is not null)
            {
                result.Add(new StoredCheckpoint(path, metadata));
            }
        }

        return result.OrderByDescending(c => c.Metadata.CheckpointId).ToList();
    }

    /// <inheritdoc />
    public async Task PruneAsync(int retained, CancellationToken cancellationToken)
    {
        var complete = new List<(long Id, string Path)>();
        var incomplete = new List<(long Id, string Path)>();
        foreach (var dir in CheckpointDirectories().OrderByDescending(d => d.Id))
        {
            var metadata = await TryReadMetadataAsync(dir.Path, cancellationToken).ConfigureAwait(false);
            (metadata is null ? incomplete : complete).Add(dir);
        }

        var doomed = complete.Skip(Math.Max(retained, 1)).ToList();
        if (complete.Count > 0)
        {
            // Only leftovers older than the newest complete checkpoint: a newer one may be in progress.
            doomed.AddRange(incomplete.Where(d => d.Id < complete[0].Id));
        }

        foreach (var (_, path) in doomed)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not delete old checkpoint {Path}", path);
            }
        }
    }

    // After the _metadata, so the marker never exists without a checkpoint having completed. A crash in between
    // leaves a complete checkpoint, itself the evidence; a failure here is only logged (the checkpoint is durable)
    // and the next commit tries again.
    private async Task WriteCompletionMarkerAsync(CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(_root, CompletionMarkerFileName);
        try
        {
            if (!File.Exists(marker))
            {
                await DurableFile.WriteAsync(marker, CompletionMarker.Content(metadata), cancellationToken).ConfigureAwait(false);
            }

            _markerWritten = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not write the completion marker {Marker}; the next checkpoint tries again.", marker);
        }
    }

    private async Task<CheckpointMetadata?> TryReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        var metadataPath = Path.Combine(path, MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            return null;
        }

        try
        {
            return CheckpointMetadataSerializer.Deserialize(await File.ReadAllBytesAsync(metadataPath, cancellationToken).ConfigureAwait(false), path);
        }
        catch (CorruptCheckpointException)
        {
            return null;
        }
    }

    private IEnumerable<(long Id, string Path)> CheckpointDirectories()
        => NumberedDirectories(_root, CheckpointPrefix);

    private IEnumerable<(long Id, string Path)> SavepointDirectories()
        => Directory.Exists(_savepoints) ? NumberedDirectories(_savepoints, SavepointPrefix) : [];

    private static IEnumerable<(long Id, string Path)> NumberedDirectories(string parent, string prefix)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var name = Path.GetFileName(dir).AsSpan(prefix.Length);
            var dash = name.IndexOf('-');
            var number = dash < 0 ? name : name[..dash];
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                yield return (id, dir);
            }
        }
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
