using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Diagnostics;
using StreamGen.Recovery;
using StreamGen.Storage.S3.Tests.Infrastructure;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Storage.S3.Tests.Jobs;

/// <summary>The runtime with its checkpoints on S3: restore after a hard stop, and checkpoints that fail without failing the job.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class JobOnS3Tests(S3ServerFixture s3) : IDisposable
{
    private readonly string _root = s3.NewLocation("job");
    private readonly IAmazonS3 _raw = s3.RawClient();

    public void Dispose() => _raw.Dispose();

    [Fact]
    public async Task A_job_stopped_hard_restores_from_S3_in_a_new_run_with_exact_output()
    {
        var output = new CollectedOutput<KeyCount>();
        using (var storage = new S3CheckpointStorage(_root, s3.Options()))
        {
            var first = JobRunner.Start(CountingJob.Build(new ExactlyOnceCollectingSink<KeyCount>(output)), CountingJob.Options(storage));
            await CountingJob.WaitForCheckpointsAsync(first, 3);

            // No final checkpoint or savepoint: what a killed process leaves is what completed before it.
            await first.CancelAsync();
            Assert.Equal(JobStatus.Canceled, first.Status);
        }

        var committedBefore = output.Records.Count;
        Assert.True(committedBefore > 0, "the first run committed nothing");
        Assert.True(committedBefore < CountingJob.Partitions * CountingJob.PerPartition, "the first run finished before it was stopped");

        // What a crash in the middle of the next checkpoint leaves: state objects, no _metadata.
        using var inspector = new S3CheckpointStorage(_root, s3.Options());
        var newest = (await inspector.ListAsync(default))[0];
        var half = newest.Metadata.CheckpointId + 1;
        await Checkpoints.PutAsync(_raw, _root, $"chk-{half}/{newest.Metadata.States[0].File.FileName}", [1, 2, 3]);

        // A new storage and client, as a new process would have.
        using var restarted = new S3CheckpointStorage(_root, s3.Options());
        var second = JobRunner.Start(CountingJob.Build(new ExactlyOnceCollectingSink<KeyCount>(output)), CountingJob.Options(restarted));
        await CountingJob.WaitAsync(second);

        Assert.Equal(JobStatus.Finished, second.Status);
        var restore = second.GetCheckpointStats().LatestRestore;
        Assert.NotNull(restore);
        Assert.Equal(newest.Metadata.CheckpointId, restore.CheckpointId);
        Assert.Equal(newest.Path, restore.Path);
        Assert.StartsWith("s3://", restore.Path);
        Assert.True(second.GetCheckpointStats().LatestCompleted!.CheckpointId > half, "new checkpoint ids must continue after the half-written one");
        CountingJob.AssertExactlyOnce(output.Records, "restore from S3");
    }

    [Fact]
    public async Task A_checkpoint_whose_upload_fails_is_failed_but_the_job_goes_on_and_later_checkpoints_complete()
    {
        var options = s3.Options(o => o.MaxRetries = 1);
        using var client = s3.Client(options);
        client.BeforeRequest = (call, _) => call.Operation == "PutObject" && (call.Key.Contains("/chk-2/", StringComparison.Ordinal) || call.Key.Contains("/chk-3/", StringComparison.Ordinal))
            ? throw new AmazonS3Exception("InternalError (injected)", ErrorType.Receiver, "InternalError", "injected", HttpStatusCode.InternalServerError)
            : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var output = new CollectedOutput<KeyCount>();

        var execution = JobRunner.Start(CountingJob.Build(new ExactlyOnceCollectingSink<KeyCount>(output)), CountingJob.Options(storage));
        await CountingJob.WaitAsync(execution);

        var stats = execution.GetCheckpointStats();
        Assert.Equal(JobStatus.Finished, execution.Status);
        Assert.Equal(0, execution.RestartCount);
        Assert.True(stats.Failed >= 2, $"expected checkpoints 2 and 3 to fail, {stats.Failed} failed");
        Assert.Contains(stats.History, c => c.CheckpointId == 2 && c.Status == CheckpointStatus.Failed);
        Assert.True(stats.LatestCompleted!.CheckpointId > 3);
        await Assert.ThrowsAsync<CorruptCheckpointException>(() => storage.LoadAsync("chk-2", default));
        CountingJob.AssertExactlyOnce(output.Records, "failed uploads");
    }

    [Fact]
    public async Task A_hung_upload_fails_its_checkpoint_at_the_checkpoint_timeout_and_the_job_goes_on()
    {
        var options = s3.Options();
        using var client = s3.Client(options);
        client.BeforeRequest = (call, token) => call.Operation == "PutObject" && call.Key.Contains("/chk-2/", StringComparison.Ordinal)
            ? Task.Delay(Timeout.Infinite, token)
            : Task.CompletedTask;
        using var storage = new S3CheckpointStorage(client, _root, options);
        var output = new CollectedOutput<KeyCount>();

        // The request timeout (30 s) is far longer than the checkpoint timeout: the abort must end the upload.
        var execution = JobRunner.Start(CountingJob.Build(new ExactlyOnceCollectingSink<KeyCount>(output)), CountingJob.Options(storage, checkpointTimeout: TimeSpan.FromSeconds(2)));
        await CountingJob.WaitAsync(execution);

        var stats = execution.GetCheckpointStats();
        Assert.Equal(JobStatus.Finished, execution.Status);
        Assert.Equal(0, execution.RestartCount);
        var failed = Assert.Single(stats.History, c => c.CheckpointId == 2);
        Assert.Equal(CheckpointStatus.Failed, failed.Status);
        // Either the coordinator's timeout or the write it cancelled at that timeout reports first.
        Assert.True(
            failed.FailureCause!.Contains("not complete after", StringComparison.Ordinal) || failed.FailureCause.Contains("could not write its state", StringComparison.Ordinal),
            failed.FailureCause);
        Assert.True(stats.LatestCompleted!.CheckpointId > 2);
        Assert.DoesNotContain(await Checkpoints.KeysUnderAsync(_raw, _root), k => k.StartsWith("chk-2/", StringComparison.Ordinal));
        CountingJob.AssertExactlyOnce(output.Records, "hung upload");
    }
}
