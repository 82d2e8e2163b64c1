using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// What checkpoints cost the keyed count: throughput with ExactlyOnce checkpoints every 1 s and every
/// 100 ms versus off, and the distribution of the pause the processing path sees per checkpoint — the
/// synchronous part of the snapshot on the task thread (<see cref="CheckpointStats.MaxSynchronousDuration"/>,
/// the longest among the tasks), taken from the job's checkpoint history. Each run is sized from a
/// calibration run without checkpoints so that the 1 s variant's rounds together take at least
/// <see cref="Report.MinimumCheckpoints"/> checkpoints; each row prints how many it took.
/// </summary>
internal sealed class CheckpointCostScenario : IScenario
{
    public string Name => "checkpoint-cost";

    public async Task RunAsync(BenchContext context)
    {
        var rounds = context.Options.Smoke ? 1 : context.Options.Quick ? 3 : 5;
        var parallelism = context.Options.Parallelism;
        var keys = context.Keys;

        // Checkpoints per 1 s run so that all rounds reach the minimum; the first is triggered after 1 s.
        var perRun = (Report.MinimumCheckpoints + rounds - 1) / rounds;
        var calibration = await KeyedCountPipelines.StreamGenAsync(keys, context.Options.Records, parallelism, null, CheckpointingMode.ExactlyOnce);
        var records = context.RecordsLasting(TimeSpan.FromSeconds(perRun + 1.5), calibration.Run.RecordsPerSecond);
        var variants = new (string Name, TimeSpan? Interval)[] { ("off", null), ("1 s", TimeSpan.FromSeconds(1)), ("100 ms", TimeSpan.FromMilliseconds(100)) };
        var runs = new RunFigures[rounds, variants.Length];
        var pauses = new List<double>[variants.Length];
        var alignments = new List<double>[variants.Length];
        var sizes = new List<double>[variants.Length];
        for (var v = 0; v < variants.Length; v++)
        {
            pauses[v] = new();
            alignments[v] = new();
            sizes[v] = new();
        }

        // Rounds of one run per variant, the order rotated each round: the load of the shared machine drifts
        // over seconds, so each variant is compared with the "off" run of its own round, and the median of
        // those paired ratios is what is judged.
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + round) % variants.Length;
                var (run, stats) = await KeyedCountPipelines.StreamGenAsync(keys, records, parallelism, variants[v].Interval, CheckpointingMode.ExactlyOnce);
                runs[round, v] = run;
                pauses[v].AddRange(PipelineRun.SynchronousPauses(stats));
                var periodic = stats.History.Where(s => s.Status == CheckpointStatus.Completed && s.Kind == Storage.CheckpointKind.Checkpoint && !s.IsFinal).ToList();
                alignments[v].AddRange(periodic.Select(s => s.MaxAlignment.TotalMilliseconds));
                sizes[v].AddRange(periodic.Select(s => (double)s.StateSize));
            }
        }

        var report = context.Report;
        var medianRatio = new double[variants.Length];
        for (var v = 0; v < variants.Length; v++)
        {
            var best = Enumerable.Range(0, rounds).Select(r => runs[r, v]).MaxBy(r => r.RecordsPerSecond)!;
            var row = ResultRow.From(Name, $"StreamGen p={parallelism}, ExactlyOnce {variants[v].Name}", best);
            if (v > 0)
            {
                medianRatio[v] = Median(Enumerable.Range(0, rounds).Select(r => runs[r, v].RecordsPerSecond / runs[r, 0].RecordsPerSecond));
                row.Ratios["vs off (median of paired rounds)"] = Math.Round(medianRatio[v], 3);
                row.Figures["cpu/record vs off %"] = Math.Round((Median(Enumerable.Range(0, rounds).Select(r => runs[r, v].CpuNanosecondsPerRecord / runs[r, 0].CpuNanosecondsPerRecord)) - 1) * 100, 1);
                var samples = pauses[v].ToArray();
                row.Figures["checkpoints"] = samples.Length;
                row.Figures["pause p50 ms"] = Math.Round(Percentiles.Of(samples, 50), 3);
                row.Figures["pause p99 ms"] = Math.Round(Percentiles.Of(samples, 99), 3);
                row.Figures["pause max ms"] = Math.Round(samples.DefaultIfEmpty(double.NaN).Max(), 3);
                row.Figures["alignment max ms"] = Math.Round(alignments[v].DefaultIfEmpty(double.NaN).Max(), 3);
                row.Figures["state KB"] = Math.Round(sizes[v].DefaultIfEmpty(double.NaN).Average() / 1024, 1);
            }

            report.Add(row);
        }

        report.Judge("checkpoints every 1 s: throughput cost (median paired)", (1 - medianRatio[1]) * 100, "<=", 5, "%", pauses[1].Count);
        var all = pauses[1].Concat(pauses[2]).ToArray();
        report.Judge($"p99 processing pause per checkpoint ({all.Length} checkpoints)", Percentiles.Of(all, 99), "<=", 5, "ms", all.Length);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
