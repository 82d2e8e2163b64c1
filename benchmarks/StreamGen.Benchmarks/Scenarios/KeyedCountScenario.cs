using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;
using StreamGen.Checkpointing;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// In-memory keyed running count, 100 k distinct string keys: StreamGen with checkpoints off and every
/// second in ExactlyOnce, against the hand-written Dictionary loop and TPL Dataflow, variants interleaved
/// and the best of <see cref="BenchContext.Repeats"/> runs kept. The checkpointing run is sized from the
/// rate without checkpoints to last <see cref="CheckpointingRun"/>, so its figures rest on at least
/// <see cref="Report.MinimumCheckpoints"/> checkpoints (the row prints how many it took).
/// </summary>
internal sealed class KeyedCountScenario : IScenario
{
    /// <summary>Long enough for ten 1 s checkpoints, with a margin: the first one is triggered after 1 s.</summary>
    internal static readonly TimeSpan CheckpointingRun = TimeSpan.FromSeconds(12);

    public string Name => "keyed-count";

    public async Task RunAsync(BenchContext context)
    {
        var records = context.Options.Records;
        var parallelism = context.Options.Parallelism;
        var keys = context.Keys;
        RunFigures? loop = null, dataflow = null, off = null, exactlyOnce = null;
        int checkpoints = 0;
        for (var repeat = 0; repeat < context.Repeats; repeat++)
        {
            loop = Best.Of(loop, KeyedCountPipelines.DictionaryLoop(keys, records), r => r.RecordsPerSecond);
            dataflow = Best.Of(dataflow, await KeyedCountPipelines.DataflowAsync(keys, records, parallelism), r => r.RecordsPerSecond);
            off = Best.Of(off, (await KeyedCountPipelines.StreamGenAsync(keys, records, parallelism, null, CheckpointingMode.ExactlyOnce)).Run, r => r.RecordsPerSecond);
        }

        var checkpointingRecords = context.RecordsLasting(CheckpointingRun, off!.RecordsPerSecond);
        for (var repeat = 0; repeat < context.CheckpointingRepeats; repeat++)
        {
            var (run, stats) = await KeyedCountPipelines.StreamGenAsync(keys, checkpointingRecords, parallelism, TimeSpan.FromSeconds(1), CheckpointingMode.ExactlyOnce);
            if (exactlyOnce is null || run.RecordsPerSecond > exactlyOnce.RecordsPerSecond)
            {
                exactlyOnce = run;
                checkpoints = PipelineRun.PeriodicCheckpoints(stats);
            }
        }

        var report = context.Report;
        report.Add(ResultRow.From(Name, "baseline: Dictionary loop (1 thread)", loop!));
        report.Add(ResultRow.From(Name, $"baseline: TPL Dataflow (p={parallelism})", dataflow!));
        report.Add(WithRatios(ResultRow.From(Name, $"StreamGen p={parallelism}, checkpoints off", off!), off!, loop!, dataflow!));
        var row = WithRatios(ResultRow.From(Name, $"StreamGen p={parallelism}, ExactlyOnce 1 s", exactlyOnce!), exactlyOnce!, loop!, dataflow!);
        row.Figures["checkpoints"] = checkpoints;
        report.Add(row);

        report.Judge("keyed count, ExactlyOnce 1 s: records/s", exactlyOnce!.RecordsPerSecond, ">=", 4_000_000, "records/s", checkpoints);
        report.Judge("keyed count, ExactlyOnce 1 s: x TPL Dataflow", exactlyOnce.RecordsPerSecond / dataflow!.RecordsPerSecond, ">=", 3, "x", checkpoints);
        report.Judge("keyed count, ExactlyOnce 1 s: x Dictionary loop", exactlyOnce.RecordsPerSecond / loop!.RecordsPerSecond, ">=", 0.5, "x", checkpoints);
    }

    internal static ResultRow WithRatios(ResultRow row, RunFigures run, RunFigures loop, RunFigures dataflow)
    {
        row.Ratios["vs loop"] = Math.Round(run.RecordsPerSecond / loop.RecordsPerSecond, 3);
        row.Ratios["vs TPL"] = Math.Round(run.RecordsPerSecond / dataflow.RecordsPerSecond, 3);
        return row;
    }
}
