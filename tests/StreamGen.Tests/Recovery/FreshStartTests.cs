using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

/// <summary>A job never starts from nothing when an earlier run had state, unless the user says so.</summary>
public sealed class FreshStartTests
{
    [Fact]
    public async Task Every_checkpoint_damaged_refuses_to_start_naming_each_and_why_until_a_fresh_start_is_allowed()
    {
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        await RunUntilCheckpointsAsync(dir.Path, source, 3);
        var damaged = Directory.GetDirectories(dir.Path, "chk-*").Where(d => File.Exists(Path.Combine(d, FileSystemCheckpointStorage.MetadataFileName))).Order().ToList();
        Assert.NotEmpty(damaged);
        foreach (var checkpoint in damaged)
        {
            var file = Directory.GetFiles(checkpoint).Where(f => Path.GetFileName(f) != FileSystemCheckpointStorage.MetadataFileName).OrderByDescending(f => new FileInfo(f).Length).First();
            var bytes = File.ReadAllBytes(file);
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(file, bytes);
        }

        var refused = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        var error = await Assert.ThrowsAsync<JobFailedException>(() => refused.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<JobRestoreException>(error.InnerException);
        Assert.Equal(0, refused.RestartCount); // restarting cannot repair the storage
        Assert.Equal(JobStatus.Failed, refused.Status);
        Assert.Contains("refuses to start with empty state", error.Message);
        Assert.Contains("file://" + dir.Path, error.Message);
        foreach (var checkpoint in damaged)
        {
            Assert.Contains(checkpoint + ": state file", error.Message);
        }

        Assert.Contains("CRC-32C", error.Message);
        Assert.Contains("AllowFreshStart", error.Message);

        var output = new CollectedOutput<KeyCount>();
        var options = CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20));
        options.AllowFreshStart = true;
        var fresh = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), options);
        await CountingJob.WaitAsync(fresh);
        Assert.Null(fresh.GetCheckpointStats().LatestRestore);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(4, 300), output.Records, "fresh start allowed");
    }

    [Fact]
    public async Task Checkpoint_directories_deleted_after_checkpoints_completed_refuse_to_start()
    {
        using var dir = new TempDirectory();
        var source = CountingJob.Source(4, 300, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        await RunUntilCheckpointsAsync(dir.Path, source, 2);
        foreach (var checkpoint in Directory.GetDirectories(dir.Path, "chk-*"))
        {
            Directory.Delete(checkpoint, recursive: true);
        }

        var refused = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        var error = await Assert.ThrowsAsync<JobFailedException>(() => refused.Completion.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<JobRestoreException>(error.InnerException);
        Assert.Contains(FileSystemCheckpointStorage.CompletionMarkerFileName, error.Message);
        Assert.Contains("job 'counting' completed checkpoint", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_empty_storage_refuses_to_start_only_when_a_source_reports_positions_an_earlier_run_committed(bool committed)
    {
        // The storage folder was emptied (or is new): only the source can tell that the job ran before.
        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        var positions = committed ? "consumer group 'counting' has committed offsets for words[0]@120" : null;
        var source = new CommittedPositionsSource<string>(CountingJob.Source(2, 100), positions);
        var execution = JobRunner.Start(CountingJob.Build(source, new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));

        if (committed)
        {
            var error = await Assert.ThrowsAsync<JobFailedException>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.IsType<JobRestoreException>(error.InnerException);
            Assert.Contains("source uid 'words' resumes from positions an earlier run committed: " + positions, error.Message);
            Assert.Empty(output.Records);
        }
        else
        {
            await CountingJob.WaitAsync(execution);
            OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(2, 100), output.Records, "first run");
        }
    }

    [Fact]
    public async Task Leftovers_of_a_first_checkpoint_that_never_completed_start_from_nothing()
    {
        // A job that died before its first checkpoint completed had no state to lose.
        using var dir = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(dir.Path);
        await storage.WriteStateFileAsync(storage.BeginCheckpoint(1), "count-0.state", new byte[] { 1, 2, 3 }, default);
        var output = new CollectedOutput<KeyCount>();
        var logging = new CapturingLoggerFactory();

        var execution = JobRunner.Start(CountingJob.Build(CountingJob.Source(2, 100), new ExactlyOnceCollectingSink<KeyCount>(output), 2, 2), CountingJob.Options(dir.Path, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), logging: logging));
        await CountingJob.WaitAsync(execution);

        Assert.Null(execution.GetCheckpointStats().LatestRestore);
        OutputAssert.ExactlyOnce(CountingJob.ExpectedCounts(2, 100), output.Records, "leftovers");
        Assert.Contains(logging.At(Microsoft.Extensions.Logging.LogLevel.Information), m => m.Contains("starts with empty state") && m.Contains("chk-1"));
    }

    private static async Task RunUntilCheckpointsAsync(string storage, ReplayableSource<string> source, int checkpoints)
    {
        var first = JobRunner.Start(CountingJob.Build(source, new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()), 2, 2), CountingJob.Options(storage, CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20)));
        await SavepointAndRescaleTests.WaitForCheckpointsAsync(first, checkpoints);
        await first.CancelAsync();
    }
}
