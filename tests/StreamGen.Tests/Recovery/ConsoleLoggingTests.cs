using StreamGen.Tests.ChildProcess;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Recovery;

/// <summary>
/// A job started with <see cref="StreamGen.Recovery.JobRunner"/> and no logger factory — a console program,
/// not a host — shows its failures, restarts and restores on the console.
/// </summary>
public sealed class ConsoleLoggingTests
{
    [Fact]
    public async Task A_job_without_a_logger_factory_logs_its_failure_restart_and_restore_to_the_console()
    {
        using var dir = new TempDirectory();
        var storage = Path.Combine(dir.Path, "checkpoints");
        var output = Path.Combine(dir.Path, "output.txt");

        // The first snapshot of some task throws once; one restart is allowed, after which the job finishes.
        var run = await ChildJobProcess.RunAsync(storage, output, "after-snapshot-before-ack:1:throw", restarts: 1);

        Assert.True(run.ExitCode == 0, "the job failed: " + run.Stdout + run.Stderr);
        Assert.Contains("warn: StreamGen.JobExecution", run.Stdout);
        Assert.Contains("restarting from the latest checkpoint", run.Stdout);
        Assert.Contains("after-snapshot-before-ack", run.Stdout);
    }

    [Fact]
    public async Task A_job_that_fails_for_good_prints_why_before_the_process_ends()
    {
        using var dir = new TempDirectory();
        var storage = Path.Combine(dir.Path, "checkpoints");
        var output = Path.Combine(dir.Path, "output.txt");

        var run = await ChildJobProcess.RunAsync(storage, output, "after-snapshot-before-ack:1:throw", restarts: 0);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("fail: StreamGen.JobExecution", run.Stdout);
        Assert.Contains("gives up after 0 restart(s)", run.Stdout);
    }
}
