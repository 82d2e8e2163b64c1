using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StreamGen.Benchmarks.Harness;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Benchmarks.Workload;

/// <summary>Runs a bounded in-memory StreamGen job to the end and measures it up to its last output record.</summary>
internal static class PipelineRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // Warnings and failures only: a line per checkpoint would interleave with the table being printed.
    private static readonly ILoggerFactory Logging = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

    /// <summary>Channel tuning from the command line (<c>--batch-size</c>, <c>--channel-capacity</c>), applied to every job.</summary>
    public static (int? BatchSize, int? ChannelCapacity) Tuning { get; set; }

    /// <summary>Checkpointing off (<paramref name="interval"/> null: only the final checkpoint of a bounded job) or periodic.</summary>
    public static JobExecutionOptions Options(string storage, TimeSpan? interval, CheckpointingMode mode)
    {
        var options = new JobExecutionOptions
        {
            Storage = new FileSystemCheckpointStorage(storage),
            Checkpointing = new CheckpointConfig { Mode = mode, Interval = interval },
            RestartStrategy = RestartStrategy.None,
            LoggerFactory = Logging,
        };
        if (Tuning.BatchSize is { } batchSize)
        {
            options.BatchSize = batchSize;
        }

        if (Tuning.ChannelCapacity is { } capacity)
        {
            options.ChannelCapacity = capacity;
        }

        return options;
    }

    /// <summary>
    /// Starts <paramref name="graph"/>, times it from the first to the last expected record at
    /// <paramref name="probe"/> (so neither start-up nor the final checkpoint and shutdown of a bounded job are
    /// charged to throughput), then waits for the job to finish and returns its checkpoint history.
    /// </summary>
    public static async Task<(RunFigures Run, CheckpointStatsSnapshot Checkpoints)> RunAsync(JobGraph graph, SinkProbe probe, long inputRecords, TimeSpan? interval, CheckpointingMode mode)
    {
        var storage = Scratch.NewDirectory("chk");
        try
        {
            var measurement = Measurement.Start();
            var execution = JobRunner.Start(graph, Options(storage, interval, mode));
            await WaitAsync(execution, probe.AllRecords, "all records at the sink");

            // Steady-state throughput, from the first output batch to the last record: the job's start-up (threads,
            // storage, the first JIT tiers) is reported separately instead of being charged to a run of a second
            // or two. The first batch's share of the input is left out of the count.
            var steadyRecords = inputRecords - (long)Math.Round((double)inputRecords * probe.FirstCount / probe.Expected);
            var run = measurement.Stop(steadyRecords, probe.AllTimestamp, probe.FirstTimestamp) with
            {
                StartupSeconds = Stopwatch.GetElapsedTime(measurement.StartTimestamp, probe.FirstTimestamp).TotalSeconds,
            };
            await execution.Completion.WaitAsync(Timeout);
            return (run, execution.GetCheckpointStats());
        }
        finally
        {
            Scratch.Delete(storage);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, failing fast if the job ends or fails first.</summary>
    public static async Task WaitAsync(JobExecution execution, Task condition, string what)
    {
        var first = await Task.WhenAny(condition, execution.Completion, Task.Delay(Timeout));
        if (first == condition)
        {
            return;
        }

        if (first == execution.Completion)
        {
            await execution.Completion; // rethrows the job's failure
            await condition.WaitAsync(TimeSpan.FromSeconds(5)); // finished: the condition must follow
            return;
        }

        throw new TimeoutException($"Job '{execution.JobName}' did not reach '{what}' within {Timeout} (status {execution.Status}).");
    }

    /// <summary>The synchronous snapshot durations of the completed periodic checkpoints, in milliseconds.</summary>
    public static double[] SynchronousPauses(CheckpointStatsSnapshot stats)
        => stats.History
            .Where(s => s.Status == CheckpointStatus.Completed && s.Kind == CheckpointKind.Checkpoint && !s.IsFinal)
            .Select(s => s.MaxSynchronousDuration.TotalMilliseconds)
            .ToArray();

    public static int PeriodicCheckpoints(CheckpointStatsSnapshot stats) => SynchronousPauses(stats).Length;
}
