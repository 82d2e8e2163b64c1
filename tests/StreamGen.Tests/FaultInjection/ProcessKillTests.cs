using StreamGen.Storage;
using StreamGen.Tests.ChildProcess;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.FaultInjection;

/// <summary>
/// Kills a job process at a protocol step (SIGKILL from the crash point), then starts a new process on
/// the same storage: it must resume from the latest durable checkpoint and lose nothing.
/// </summary>
public sealed class ProcessKillTests
{
    [Theory]
    [InlineData("after-snapshot-before-ack:5:kill")]
    [InlineData("after-complete-before-notify:2:kill")]
    public async Task A_killed_process_resumes_from_durable_storage_in_a_new_process(string crashPoints)
    {
        using var dir = new TempDirectory();
        var storage = Path.Combine(dir.Path, "checkpoints");
        var output = Path.Combine(dir.Path, "output.txt");

        var killed = await ChildJobProcess.RunAsync(storage, output, crashPoints);
        var afterKill = (await new FileSystemCheckpointStorage(storage).LoadLatestAsync(default)).Restored;
        var resumed = await ChildJobProcess.RunAsync(storage, output, null);

        Assert.Equal(137, killed.ExitCode);
        Assert.Contains("kills process", killed.Stderr);
        Assert.NotNull(afterKill);
        Assert.True(resumed.ExitCode == 0, "resumed process failed: " + resumed.Stderr);
        var records = File.ReadAllLines(output).Select(l => l.Split(',')).Select(p => new KeyCount(p[0], long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var expected = CountingJob.ExpectedCounts(ChildJobProgram.Partitions, ChildJobProgram.PerPartition);
        OutputAssert.AtLeastOnce(expected, records, crashPoints);
        foreach (var (key, count) in expected)
        {
            Assert.Equal(count, records.Where(r => r.Key == key).Max(r => r.Count));
        }
    }
}
