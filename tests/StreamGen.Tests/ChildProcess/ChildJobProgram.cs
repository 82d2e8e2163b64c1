using StreamGen.Checkpointing;
using StreamGen.Recovery;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.ChildProcess;

/// <summary>
/// Runs the counting job as its own process: <c>dotnet StreamGen.Tests.dll child &lt;storage&gt; &lt;output&gt; [restarts]</c>,
/// with no logger factory (so it logs as any job started outside a host does). Crash points come from
/// <c>STREAMGEN_CRASH_POINTS</c>, read by the job at start.
/// </summary>
public static class ChildJobProgram
{
    public const int Partitions = 4;
    public const int PerPartition = 400;

    public static async Task<int> Main(string[] args)
    {
        var restarts = 0;
        if (args.Length is < 3 or > 4 || args[0] != "child" || (args.Length == 4 && !int.TryParse(args[3], System.Globalization.CultureInfo.InvariantCulture, out restarts)))
        {
            await Console.Error.WriteLineAsync("usage: StreamGen.Tests.dll child <storage-dir> <output-file> [restarts]");
            return 2;
        }

        var source = CountingJob.Source(Partitions, PerPartition, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var graph = CountingJob.Build(source, new FileAppendSink(args[2]), 2, 2);
        var options = CountingJob.Options(args[1], CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), restarts == 0 ? RestartStrategy.None : RestartStrategy.FixedDelay(restarts, TimeSpan.FromMilliseconds(10)));
        options.LoggerFactory = null; // log as a job outside a host does: to the console
        await JobRunner.RunAsync(graph, options);
        return 0;
    }
}
