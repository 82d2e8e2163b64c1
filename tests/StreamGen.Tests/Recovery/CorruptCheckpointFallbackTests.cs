using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

public sealed class CorruptCheckpointFallbackTests
{
    [Theory]
    [InlineData("truncate-state-file")]
    [InlineData("delete-metadata")]
    public async Task A_corrupt_newest_checkpoint_falls_back_to_the_previous_one(string corruption)
    {
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        var first = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(output), 2, 2), options);
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, 3);
        await first.CancelAsync();

        var storage = new FileSystemCheckpointStorage(dir.Path);
        var checkpoints = (await storage.ListAsync(default)).Where(c => c.Metadata.Kind == CheckpointKind.Checkpoint).ToList();
        Assert.True(checkpoints.Count >= 2);
        var newest = checkpoints[0];
        var previous = checkpoints[1];
        if (corruption == "truncate-state-file")
        {
            var file = Directory.GetFiles(newest.Path).Where(f => Path.GetFileName(f) != FileSystemCheckpointStorage.MetadataFileName).OrderByDescending(f => new FileInfo(f).Length).First();
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..(int)(new FileInfo(file).Length / 2)]);
        }
        else
        {
            File.Delete(Path.Combine(newest.Path, FileSystemCheckpointStorage.MetadataFileName));
        }

        var second = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await CountingJob.WaitAsync(second);

        Assert.Equal(previous.Metadata.CheckpointId, second.GetCheckpointStats().LatestRestore!.CheckpointId);
        Assert.Equal(0, second.RestartCount);

        // Replaying from the older checkpoint repeats output already written (this sink is not
        // transactional), but the keyed state restored from it makes every count come out exact.
        var expected = CountingJob.ExpectedCounts(4, 300);
        OutputAssert.AtLeastOnce(expected, output.Records, corruption);
        foreach (var (key, count) in expected)
        {
            Assert.Equal(count, output.Records.Where(r => r.Key == key).Max(r => r.Count));
        }
    }
}
