using System.Diagnostics;
using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// Checkpoint and recovery with 1 M keys of state. A keyed count runs over an endless cycle of 1 M
/// distinct keys; once every key has state a checkpoint is triggered (its duration, bytes and
/// synchronous pause are the checkpoint-cost figures for 1 M keys), then the execution is cancelled
/// hard — the in-process stand-in for a kill — and a new <see cref="JobRunner.Start"/> on the same
/// storage is timed until its first output record: load and verify the checkpoint, restore 1 M keys,
/// open, resume the source from the checkpointed offsets, process, emit.
/// </summary>
internal sealed class RecoveryScenario : IScenario
{
    public string Name => "recovery";

    public async Task RunAsync(BenchContext context)
    {
        var keyCount = context.Options.LargeStateKeys;
        var keys = new string[keyCount];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = $"user-{i:x8}";
        }

        (double KillToFirst, double StartToFirst, double Cancel, RunFigures Restart, Diagnostics.CheckpointStats Checkpoint)? best = null;
        for (var repeat = 0; repeat < Math.Max(1, context.Repeats - 1); repeat++)
        {
            var result = await RunOnceAsync(keys, context.Options.Parallelism);
            if (best is null || result.StartToFirst < best.Value.StartToFirst)
            {
                best = result;
            }
        }

        var (killToFirst, startToFirst, cancel, restart, checkpoint) = best!.Value;
        var report = context.Report;
        var checkpointRow = new ResultRow { Scenario = "checkpoint-cost", Variant = $"{KeyLabel(keyCount)} keys, one checkpoint under load", Records = keyCount, Note = "records = keys" };
        checkpointRow.Figures["duration ms"] = Math.Round(checkpoint.Duration!.Value.TotalMilliseconds, 1);
        checkpointRow.Figures["state MB"] = Math.Round(checkpoint.StateSize / 1048576.0, 2);
        checkpointRow.Figures["sync pause ms"] = Math.Round(checkpoint.MaxSynchronousDuration.TotalMilliseconds, 3);
        report.Add(checkpointRow);

        var row = ResultRow.From(Name, $"{KeyLabel(keyCount)} keys, restart to first output", restart, note: "records = keys restored");
        row.Figures["kill->first output ms"] = Math.Round(killToFirst, 1);
        row.Figures["cancel ms"] = Math.Round(cancel, 1);
        row.Figures["start->first output ms"] = Math.Round(startToFirst, 1);
        report.Add(row);
        report.Judge($"restore {KeyLabel(keyCount)} keys: new job start to first output", startToFirst / 1000, "<=", 1, "s");
    }

    private static string KeyLabel(int keys)
        => keys >= 1_000_000 ? $"{keys / 1_000_000.0:0.#} M" : $"{keys / 1_000.0:0.#} k";

    private static async Task<(double KillToFirst, double StartToFirst, double Cancel, RunFigures Restart, Diagnostics.CheckpointStats Checkpoint)> RunOnceAsync(string[] keys, int parallelism)
    {
        var storage = Scratch.NewDirectory("recovery");
        try
        {
            var options = PipelineRun.Options(storage, interval: null, CheckpointingMode.ExactlyOnce);
            var warm = new SinkProbe(keys.Length);
            var first = JobRunner.Start(Build(keys, parallelism, warm), options);
            await PipelineRun.WaitAsync(first, warm.AllRecords, "every key has state");
            var checkpoint = await first.TriggerCheckpointAsync();

            var kill = Stopwatch.GetTimestamp();
            await first.CancelAsync();
            var cancelled = Stopwatch.GetTimestamp();

            var resumed = new SinkProbe(1);
            var measurement = Measurement.Start();
            var start = Stopwatch.GetTimestamp();
            var second = JobRunner.Start(Build(keys, parallelism, resumed), options);
            await PipelineRun.WaitAsync(second, resumed.FirstRecord, "first output after restore");
            var restart = measurement.Stop(keys.Length, resumed.FirstTimestamp);
            var restored = second.GetCheckpointStats().LatestRestore;
            await second.CancelAsync();
            if (restored?.CheckpointId != checkpoint.CheckpointId)
            {
                throw new InvalidOperationException($"The new job restored checkpoint {restored?.CheckpointId.ToString() ?? "none"}, expected {checkpoint.CheckpointId}.");
            }

            return (
                Stopwatch.GetElapsedTime(kill, resumed.FirstTimestamp).TotalMilliseconds,
                Stopwatch.GetElapsedTime(start, resumed.FirstTimestamp).TotalMilliseconds,
                Stopwatch.GetElapsedTime(kill, cancelled).TotalMilliseconds,
                restart,
                checkpoint);
        }
        finally
        {
            Scratch.Delete(storage);
        }
    }

    /// <summary>An endless (for the benchmark's purposes) cycle over the keys, so the job is mid-stream when killed.</summary>
    private static JobGraph Build(string[] keys, int parallelism, SinkProbe probe)
    {
        var job = new JobBuilder("bench-recovery");
        var partitions = parallelism;
        var source = new ReplayableSource<string>(partitions, 1_000_000_000L, (p, o) => keys[(int)(((o * partitions) + p) % keys.Length)])
        {
            RecordsPerPoll = 1024,
        };
        job.From(source, parallelism).Uid("source")
            .KeyBy(key => key)
            .Process(() => new RunningCount()).Uid("count").Parallelism(parallelism)
            .To(new CountingSink<KeyCount>(probe, c => c.Count)).Uid("sink");
        return job.Build();
    }
}
