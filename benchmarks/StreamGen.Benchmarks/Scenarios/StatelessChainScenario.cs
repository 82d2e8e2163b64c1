using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// Stateless map → filter → map, the same baselines as the keyed count. StreamGen chains the whole
/// pipeline into the source task, so there is no queue at all: this measures the per-record cost of the
/// operator chain itself.
/// </summary>
internal sealed class StatelessChainScenario : IScenario
{
    public string Name => "stateless";

    public async Task RunAsync(BenchContext context)
    {
        var records = context.Options.Records;
        var parallelism = context.Options.Parallelism;
        var keys = context.Keys;
        var passing = StatelessPipelines.Passing(keys, records);
        RunFigures? loop = null, dataflow = null, streamGen = null;
        for (var repeat = 0; repeat < context.Repeats; repeat++)
        {
            loop = Best.Of(loop, StatelessPipelines.Loop(keys, records), r => r.RecordsPerSecond);
            dataflow = Best.Of(dataflow, await StatelessPipelines.DataflowAsync(keys, records, parallelism), r => r.RecordsPerSecond);
            streamGen = Best.Of(streamGen, await StatelessPipelines.StreamGenAsync(keys, records, passing, parallelism), r => r.RecordsPerSecond);
        }

        var report = context.Report;
        report.Add(ResultRow.From(Name, "baseline: hand-written loop (1 thread)", loop!));
        report.Add(ResultRow.From(Name, $"baseline: TPL Dataflow (p={parallelism})", dataflow!));
        report.Add(KeyedCountScenario.WithRatios(ResultRow.From(Name, $"StreamGen p={parallelism}, chained", streamGen!), streamGen!, loop!, dataflow!));
    }
}
