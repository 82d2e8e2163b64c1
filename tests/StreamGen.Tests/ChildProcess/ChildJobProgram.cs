using StreamGen.Checkpointing;
using StreamGen.Recovery;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.ChildProcess;

/// <summary>
/// Runs the counting job as its own process: <c>dotnet StreamGen.Tests.dll child &lt;storage&gt; &lt;output&gt;</c>.
/// Crash points come from <c>STREAMGEN_CRASH_POINTS</c>, read by the job at start.
/// </summary>
public static class ChildJobProgram
{
    public const int Partitions = 4;
    public const int PerPartition = 400;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "child")
        {
            await Console.Error.WriteLineAsync("usage: StreamGen.Tests.dll child <storage-dir> <output-file>");
            return 2;
        }

        var source = CountingJob.Source(Partitions, PerPartition, recordsPerPoll: 2, pollInterval: TimeSpan.FromMilliseconds(1));
        var graph = CountingJob.Build(source, new FileAppendSink(args[2]), 2, 2);
        var options = CountingJob.Options(args[1], CheckpointingMode.ExactlyOnce, TimeSpan.FromMilliseconds(20), RestartStrategy.None);
        await JobRunner.RunAsync(graph, options);
        return 0;
    }
}
