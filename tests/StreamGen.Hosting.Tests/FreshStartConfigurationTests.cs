using StreamGen.Diagnostics;
using StreamGen.Storage;

namespace StreamGen.Hosting.Tests;

public sealed class FreshStartConfigurationTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-hosting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task StreamGen_AllowFreshStart_lets_a_job_start_from_nothing_when_its_checkpoints_are_gone()
    {
        // A storage whose checkpoints were deleted after one completed: only the completion marker is left.
        // Without the key the job would refuse to start (tests/StreamGen.Tests/Recovery/FreshStartTests.cs).
        Directory.CreateDirectory(_storage);
        await File.WriteAllTextAsync(Path.Combine(_storage, FileSystemCheckpointStorage.CompletionMarkerFileName), "job 'hosting-test' completed checkpoint 7 here first\n");

        await using var host = await TestHost.StartAsync(_storage, new() { ["StreamGen:AllowFreshStart"] = "true" }, recordsPerPartition: 500);
        await host.WaitUntilAsync(() => host.Job.Execution!.Status is JobStatus.Running or JobStatus.Finished or JobStatus.Failed, "the job to start or fail");
        await host.WaitUntilAsync(() => host.Output.Records.Count > 0 || host.Job.Execution!.Status == JobStatus.Failed, "committed output");

        Assert.NotEqual(JobStatus.Failed, host.Job.Execution!.Status);
        Assert.Null(host.Job.Execution.GetCheckpointStats().LatestRestore);
        Assert.Equal(0, host.Job.Execution.RestartCount);
    }
}
