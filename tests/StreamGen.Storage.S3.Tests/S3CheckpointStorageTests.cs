using StreamGen.State;
using StreamGen.Storage.S3.Tests.Infrastructure;

namespace StreamGen.Storage.S3.Tests;

/// <summary>The tests of <c>FileSystemCheckpointStorageTests</c>, against S3: same contract, same outcomes.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3CheckpointStorageTests(S3ServerFixture s3) : IDisposable
{
    private readonly string _root = s3.NewLocation("storage");
    private readonly Amazon.S3.IAmazonS3 _raw = s3.RawClient();

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task A_committed_checkpoint_loads_with_verified_files()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");

        var restored = (await storage.LoadLatestAsync(default)).Restored;

        Assert.NotNull(restored);
        Assert.Equal(1, restored.Metadata.CheckpointId);
        Assert.Equal(_root + "/chk-1", restored.Path);
        var handle = Assert.Single(restored.StatesOf("count"));
        Assert.Equal(new KeyGroupRange(0, 128), handle.KeyGroups);
        Assert.Equal("one"u8.ToArray(), restored.ReadStateFile(handle.File).ToArray());
        Assert.Equal([S3CheckpointStorage.CompletionMarkerObjectName, "chk-1/_metadata", "chk-1/count-0.state"], await Checkpoints.KeysUnderAsync(_raw, _root));
        Assert.Equal(_root, storage.Description);
    }

    [Fact]
    public async Task A_checkpoint_without_metadata_is_skipped_for_the_previous_one()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");
        await Checkpoints.WriteAsync(storage, 2, "two");
        await Checkpoints.DeleteAsync(_raw, _root, "chk-2/_metadata");

        var restored = (await storage.LoadLatestAsync(default)).Restored;

        Assert.Equal(1, restored!.Metadata.CheckpointId);
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(_root + "/chk-2", default));
        Assert.Contains("never completed", ex.Message);
        Assert.Contains("chk-2", ex.Message);
    }

    [Fact]
    public async Task A_truncated_state_file_is_detected_and_skipped()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");
        await Checkpoints.WriteAsync(storage, 2, "two-longer");
        var bytes = await Checkpoints.GetAsync(_raw, _root, "chk-2/" + Checkpoints.StateFile);
        await Checkpoints.PutAsync(_raw, _root, "chk-2/" + Checkpoints.StateFile, bytes[..3]);

        Assert.Equal(1, (await storage.LoadLatestAsync(default)).Restored!.Metadata.CheckpointId);
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(_root + "/chk-2", default));
        Assert.Contains(Checkpoints.StateFile, ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Equal(_root + "/chk-2", ex.CheckpointPath);
    }

    [Fact]
    public async Task A_flipped_bit_in_state_or_metadata_is_detected()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");
        await Checkpoints.WriteAsync(storage, 2, "two");
        await Checkpoints.WriteAsync(storage, 3, "six");
        await Checkpoints.FlipAsync(_raw, _root, "chk-3/" + Checkpoints.StateFile);
        await Checkpoints.FlipAsync(_raw, _root, "chk-2/_metadata");

        Assert.Equal(1, (await storage.LoadLatestAsync(default)).Restored!.Metadata.CheckpointId);
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(_root + "/chk-3", default));
        Assert.Contains("checksum", ex.Message);
        Assert.Contains(Checkpoints.StateFile, ex.Message);
        var metadataError = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(_root + "/chk-2", default));
        Assert.Contains("_metadata", metadataError.Message);
    }

    [Fact]
    public async Task A_missing_state_file_is_detected()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");
        await Checkpoints.WriteAsync(storage, 2, "two");
        await Checkpoints.DeleteAsync(_raw, _root, "chk-2/" + Checkpoints.StateFile);

        Assert.Equal(1, (await storage.LoadLatestAsync(default)).Restored!.Metadata.CheckpointId);
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync(_root + "/chk-2", default));
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public async Task Nothing_to_restore_gives_null()
    {
        using var storage = NewStorage();
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "x.state", new byte[] { 1 }, default);

        var search = await storage.LoadLatestAsync(default);
        Assert.Null(search.Restored);
        Assert.False(search.HoldsUnrestorableState); // it never completed: no state was lost
        Assert.False(Assert.Single(search.Rejected).HasMetadata);
        Assert.Equal(1, await storage.GetHighestCheckpointIdAsync(default));
        Assert.Empty(await storage.ListAsync(default));
    }

    [Fact]
    public async Task When_every_checkpoint_is_damaged_the_search_names_each_with_its_reason_and_the_completion_marker()
    {
        using (var writer = NewStorage())
        {
            await Checkpoints.WriteAsync(writer, 1, "one");
            await Checkpoints.WriteAsync(writer, 2, "two");
        }

        await Checkpoints.FlipAsync(_raw, _root, "chk-2/" + Checkpoints.StateFile);
        await Checkpoints.DeleteAsync(_raw, _root, "chk-1/" + Checkpoints.StateFile);
        using var storage = NewStorage();

        var search = await storage.LoadLatestAsync(default);

        Assert.Null(search.Restored);
        Assert.True(search.HoldsUnrestorableState);
        Assert.Equal([2L, 1L], search.Rejected.Select(r => r.CheckpointId));
        Assert.All(search.Rejected, r => Assert.True(r.HasMetadata));
        Assert.Contains(_root + "/chk-2: state file 'count-0.state' fails its CRC-32C checksum", search.DescribeFindings());
        Assert.Contains(_root + "/chk-1: state file 'count-0.state' is missing", search.DescribeFindings());
        Assert.StartsWith(_root + "/" + S3CheckpointStorage.CompletionMarkerObjectName + " (job 'test-job' completed checkpoint 1", search.CompletionMarker);

        // With every checkpoint deleted, the marker still tells that one completed here.
        foreach (var key in (await Checkpoints.KeysUnderAsync(_raw, _root)).Where(k => k.StartsWith("chk-", StringComparison.Ordinal)))
        {
            await Checkpoints.DeleteAsync(_raw, _root, key);
        }

        var emptied = await storage.LoadLatestAsync(default);
        Assert.Empty(emptied.Rejected);
        Assert.True(emptied.HoldsUnrestorableState);
    }

    [Fact]
    public async Task An_empty_location_has_nothing()
    {
        using var storage = NewStorage();

        Assert.Null((await storage.LoadLatestAsync(default)).Restored);
        Assert.False((await storage.LoadLatestAsync(default)).HoldsUnrestorableState);
        Assert.Equal(0, await storage.GetHighestCheckpointIdAsync(default));
        var ex = await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync("chk-9", default));
        Assert.Contains("no objects", ex.Message);
    }

    [Fact]
    public async Task Prune_keeps_the_newest_checkpoints_and_every_savepoint()
    {
        using var storage = NewStorage();
        for (var id = 1; id <= 5; id++)
        {
            await Checkpoints.WriteAsync(storage, id, "s" + id);
        }

        var savepoint = storage.BeginSavepoint(6, "before upgrade");
        await Checkpoints.CommitAsync(storage, savepoint, "sp"u8.ToArray());
        var inProgress = storage.BeginCheckpoint(7);
        await storage.WriteStateFileAsync(inProgress, "a.state", new byte[] { 7 }, default);
        await storage.PruneAsync(2, default);

        var keys = await Checkpoints.KeysUnderAsync(_raw, _root);
        Assert.Equal(["chk-4", "chk-5", "chk-7"], keys.Where(k => k.StartsWith("chk-", StringComparison.Ordinal)).Select(k => k[..k.IndexOf('/')]).Distinct().Order());
        var listed = await storage.ListAsync(default);
        Assert.Equal([6L, 5L, 4L], listed.Select(c => c.Metadata.CheckpointId));
        Assert.Equal(CheckpointKind.Savepoint, listed[0].Metadata.Kind);
        Assert.Equal(_root + "/savepoints/savepoint-6-before_upgrade", listed[0].Path);
        Assert.Equal("sp"u8.ToArray(), (await storage.LoadAsync(listed[0].Path, default)).ReadStateFile(listed[0].Metadata.States[0].File).ToArray());
        Assert.Equal(7, await storage.GetHighestCheckpointIdAsync(default));

        // Savepoints survive any number of later prunes.
        for (var id = 8; id <= 10; id++)
        {
            await Checkpoints.WriteAsync(storage, id, "s" + id);
            await storage.PruneAsync(1, default);
        }

        Assert.Equal([10L, 6L], (await storage.ListAsync(default)).Select(c => c.Metadata.CheckpointId));
    }

    [Fact]
    public async Task An_aborted_checkpoint_leaves_nothing()
    {
        using var storage = NewStorage();
        var location = storage.BeginCheckpoint(1);
        await storage.WriteStateFileAsync(location, "a.state", new byte[] { 1, 2 }, default);
        await storage.WriteStateFileAsync(location, "b.state", new byte[] { 3 }, default);
        await storage.AbortAsync(location);

        Assert.Empty(await Checkpoints.KeysUnderAsync(_raw, _root));
        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteStateFileAsync(location, "c.state", new byte[] { 4 }, default));
    }

    [Fact]
    public async Task State_file_names_cannot_escape_the_checkpoint_prefix()
    {
        using var storage = NewStorage();
        var location = storage.BeginCheckpoint(1);
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateFileAsync(location, "../evil", new byte[] { 1 }, default));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteStateFileAsync(location, "_metadata", new byte[] { 1 }, default));
    }

    [Fact]
    public async Task Beginning_an_id_again_discards_the_leftovers_of_the_earlier_attempt()
    {
        using var storage = NewStorage();
        await Checkpoints.WriteAsync(storage, 1, "one");
        await Checkpoints.PutAsync(_raw, _root, "chk-2/_metadata", await Checkpoints.GetAsync(_raw, _root, "chk-1/_metadata"));
        await Checkpoints.PutAsync(_raw, _root, "chk-2/stale.state", [9, 9]);

        var again = storage.BeginCheckpoint(2);
        await storage.WriteStateFileAsync(again, "fresh.state", new byte[] { 2 }, default);

        Assert.Equal([S3CheckpointStorage.CompletionMarkerObjectName, "chk-1/_metadata", "chk-1/count-0.state", "chk-2/fresh.state"], await Checkpoints.KeysUnderAsync(_raw, _root));
        Assert.Equal(1, (await storage.LoadLatestAsync(default)).Restored!.Metadata.CheckpointId);
    }

    [Fact]
    public async Task Loading_the_latest_reads_only_the_metadata_it_needs_not_every_object()
    {
        var options = s3.Options();
        using var client = s3.Client(options);
        using var storage = new S3CheckpointStorage(client, _root, options);
        for (var id = 1; id <= 6; id++)
        {
            var location = storage.BeginCheckpoint(id);
            var handles = new List<StateFileHandle>();
            for (var f = 0; f < 4; f++)
            {
                handles.Add(await storage.WriteStateFileAsync(location, $"op-{f}.state", new byte[] { (byte)id, (byte)f }, default));
            }

            await storage.CommitAsync(location, Checkpoints.Metadata(location, [.. handles]), default);
        }

        client.Calls.Clear();
        var restored = (await storage.LoadLatestAsync(default)).Restored;

        Assert.Equal(6, restored!.Metadata.CheckpointId);
        Assert.Equal(1, client.Count("ListObjectsV2"));
        Assert.Equal(["chk-6/_metadata", "chk-6/op-0.state", "chk-6/op-1.state", "chk-6/op-2.state", "chk-6/op-3.state"], client.Calls.Where(c => c.Operation == "GetObject").Select(c => c.Key[Checkpoints.Split(_root).Prefix.Length..]).Order());
    }

    [Fact]
    public async Task Paths_may_be_given_relative_to_the_storage_location()
    {
        using var storage = NewStorage();
        var savepoint = storage.BeginSavepoint(3, "x");
        await Checkpoints.CommitAsync(storage, savepoint, "sp"u8.ToArray());

        var restored = await storage.LoadAsync("savepoints/savepoint-3-x", default);

        Assert.Equal(savepoint.Path, restored.Path);
        Assert.Equal(CheckpointKind.Savepoint, restored.Metadata.Kind);
    }

    private S3CheckpointStorage NewStorage() => new(_root, s3.Options());
}
