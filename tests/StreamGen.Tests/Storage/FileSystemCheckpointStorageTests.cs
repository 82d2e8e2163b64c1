using StreamGen.State;
using StreamGen.Storage;

namespace StreamGen.Tests.Storage;

public sealed class FileSystemCheckpointStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sg-storage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_committed_checkpoint_loads_with_verified_files()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");

        var restored = (await storage.LoadLatestAsync(default)).Restored;

        Assert.NotNull(restored);
        Assert.Equal(1, restored.Metadata.CheckpointId);
        var handle = Assert.Single(restored.StatesOf("count"));
        Assert.Equal(new KeyGroupRange(0, 128), handle.KeyGroups);
        Assert.Equal("one"u8.ToArray(), restored.ReadStateFile(handle.File).ToArray());
        Assert.True(File.Exists(Path.Combine(_root, "chk-1", "_metadata")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "chk-1"), "*.tmp"));
    }

    // The fallback cases keep an older valid checkpoint below the one expected, so restoring the oldest
    // (instead of the newest that is valid) fails them.
    [Fact]
    public async Task A_checkpoint_without_metadata_is_skipped_for_the_previous_one()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");
        await WriteCheckpointAsync(storage, 2, "two");
        await WriteCheckpointAsync(storage, 3, "three");
        File.Delete(Path.Combine(_root, "chk-3", "_metadata"));

        var search = await storage.LoadLatestAsync(default);

        Assert.Equal(2, search.Restored!.Metadata.CheckpointId);
        Assert.Equal("two"u8.ToArray(), search.Restored.ReadStateFile(search.Restored.Metadata.States[0].File).ToArray());
        var rejected = Assert.Single(search.Rejected);
        Assert.Equal(3, rejected.CheckpointId);
        Assert.False(rejected.HasMetadata);
        Assert.Contains("never completed", rejected.Reason);
    }

    [Fact]
    public async Task A_truncated_state_file_is_detected_and_skipped()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");
        await WriteCheckpointAsync(storage, 2, "two");
        await WriteCheckpointAsync(storage, 3, "three-longer");
        var file = Path.Combine(_root, "chk-3", "count-0.state");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..3]);

        var search = await storage.LoadLatestAsync(default);

        Assert.Equal(2, search.Restored!.Metadata.CheckpointId);
        Assert.Equal([3L], search.Rejected.Select(r => r.CheckpointId));
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(Path.Combine(_root, "chk-3"), default));
        Assert.Contains("count-0.state", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public async Task A_flipped_bit_in_state_or_metadata_is_detected()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");
        await WriteCheckpointAsync(storage, 2, "two");
        await WriteCheckpointAsync(storage, 3, "three");
        await WriteCheckpointAsync(storage, 4, "four");
        Flip(Path.Combine(_root, "chk-4", "count-0.state"));
        Flip(Path.Combine(_root, "chk-3", "_metadata"));

        var search = await storage.LoadLatestAsync(default);

        Assert.Equal(2, search.Restored!.Metadata.CheckpointId);
        Assert.Equal([4L, 3L], search.Rejected.Select(r => r.CheckpointId));
        Assert.All(search.Rejected, r => Assert.True(r.HasMetadata));
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(Path.Combine(_root, "chk-4"), default));
        Assert.Contains("checksum", ex.Message);
    }

    [Fact]
    public async Task When_every_checkpoint_is_damaged_the_search_names_each_with_its_reason_and_the_traces_of_earlier_runs()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");
        await WriteCheckpointAsync(storage, 2, "two");
        await CommitAsync(storage, storage.BeginSavepoint(3, "kept"), "sp");
        Flip(Path.Combine(_root, "chk-2", "count-0.state"));
        File.WriteAllBytes(Path.Combine(_root, "chk-1", "count-0.state"), [1]);

        var search = await new FileSystemCheckpointStorage(_root).LoadLatestAsync(default);

        Assert.Null(search.Restored);
        Assert.True(search.HoldsUnrestorableState);
        Assert.Equal([2L, 1L], search.Rejected.Select(r => r.CheckpointId));
        Assert.Contains("CRC-32C", search.Rejected[0].Reason);
        Assert.Contains("truncated", search.Rejected[1].Reason);
        Assert.EndsWith("savepoint-3-kept", Assert.Single(search.Savepoints));
        Assert.Contains("job 'test-job' completed checkpoint 1", search.CompletionMarker);
        var findings = search.DescribeFindings();
        Assert.Contains(Path.Combine(_root, "chk-2") + ": state file 'count-0.state' fails its CRC-32C checksum", findings);
        Assert.Contains(Path.Combine(_root, "chk-1") + ": state file 'count-0.state' has 1 bytes", findings);
        Assert.Contains("savepoint-3-kept", findings);
        Assert.Contains(FileSystemCheckpointStorage.CompletionMarkerFileName, findings);
    }

    [Fact]
    public async Task Checkpoint_directories_deleted_after_one_completed_still_leave_a_trace()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await WriteCheckpointAsync(storage, 1, "one");
        await WriteCheckpointAsync(storage, 2, "two");
        foreach (var dir in Directory.GetDirectories(_root, "chk-*"))
        {
            Directory.Delete(dir, recursive: true);
        }

        var search = await storage.LoadLatestAsync(default);

        Assert.Null(search.Restored);
        Assert.Empty(search.Rejected);
        Assert.True(search.HoldsUnrestorableState);
        Assert.NotNull(search.CompletionMarker);
    }

    [Fact]
    public async Task Only_savepoints_leave_no_completion_marker_but_are_a_trace()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        await CommitAsync(storage, storage.BeginSavepoint(1, null), "sp");

        var search = await storage.LoadLatestAsync(default);

        Assert.False(File.Exists(Path.Combine(_root, FileSystemCheckpointStorage.CompletionMarkerFileName)));
        Assert.Null(search.CompletionMarker);
        Assert.Single(search.Savepoints);
        Assert.True(search.HoldsUnrestorableState);
    }

    [Fact]
    public async Task Nothing_to_restore_gives_null()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "x.state", new byte[] { 1 }, default);

        var search = await storage.LoadLatestAsync(default);
        Assert.Null(search.Restored);
        Assert.Equal(1, await storage.GetHighestCheckpointIdAsync(default));

        // A checkpoint that never completed is no trace of earlier state: a job that failed before its
        // first checkpoint completed starts from nothing again.
        Assert.False(search.HoldsUnrestorableState);
        Assert.Null(search.CompletionMarker);
        Assert.False(Assert.Single(search.Rejected).HasMetadata);
    }

    [Fact]
    public async Task Prune_keeps_the_newest_checkpoints_and_every_savepoint()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        for (var id = 1; id <= 5; id++)
        {
            await WriteCheckpointAsync(storage, id, "s" + id);
        }

        var savepoint = storage.BeginSavepoint(6, "before upgrade");
        await CommitAsync(storage, savepoint, "sp");
        storage.BeginCheckpoint(7); // in progress: must survive
        await storage.PruneAsync(2, default);

        Assert.Equal(["chk-4", "chk-5", "chk-7"], Directory.GetDirectories(_root, "chk-*").Select(Path.GetFileName).Order());
        var listed = await storage.ListAsync(default);
        Assert.Equal([6L, 5L, 4L], listed.Select(c => c.Metadata.CheckpointId));
        Assert.Equal(CheckpointKind.Savepoint, listed[0].Metadata.Kind);
        Assert.EndsWith("savepoint-6-before_upgrade", listed[0].Path);
        Assert.Equal("sp"u8.ToArray(), (await storage.LoadAsync(listed[0].Path, default)).ReadStateFile(listed[0].Metadata.States[0].File).ToArray());
        Assert.Equal(7, await storage.GetHighestCheckpointIdAsync(default));
    }

    [Fact]
    public async Task An_aborted_checkpoint_leaves_nothing()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "a.state", new byte[] { 1, 2 }, default);
        await storage.AbortAsync(location);

        Assert.False(Directory.Exists(location.Path));
        Assert.False(File.Exists(Path.Combine(_root, FileSystemCheckpointStorage.CompletionMarkerFileName)));
        Assert.False((await storage.LoadLatestAsync(default)).HoldsUnrestorableState);
    }

    [Fact]
    public async Task State_file_names_cannot_escape_the_checkpoint_directory()
    {
        var storage = new FileSystemCheckpointStorage(_root);
        var location = storage.BeginCheckpoint(1);
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateFileAsync(location, "../evil", new byte[] { 1 }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateFileAsync(location, "_metadata", new byte[] { 1 }, default));
    }

    private static async Task WriteCheckpointAsync(FileSystemCheckpointStorage storage, long id, string content)
        => await CommitAsync(storage, storage.BeginCheckpoint(id), content);

    private static async Task CommitAsync(FileSystemCheckpointStorage storage, CheckpointLocation location, string content)
    {
        var handle = await storage.WriteStateFileAsync(location, "count-0.state", System.Text.Encoding.UTF8.GetBytes(content), default);
        var metadata = new CheckpointMetadata(
            location.CheckpointId,
            location.Kind,
            "test-job",
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            [new OperatorSubtaskStateHandle("count", 0, 1, 128, "keyed", "abc", new KeyGroupRange(0, 128), handle)]);
        await storage.CommitAsync(location, metadata, default);
    }

    private static void Flip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }
}
