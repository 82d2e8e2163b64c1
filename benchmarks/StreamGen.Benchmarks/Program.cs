using System.Diagnostics;
using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Scenarios;

// StreamGen's benchmarks (issue 8): every figure is a ratio to a baseline measured in this same process
// run, because the machine is shared and absolute timings drift. See docs/performance.md.
var options = BenchOptions.Parse(args);
var results = new BenchmarkResults { Environment = MachineInfo.Collect(args) };
var report = new Report(results, options.Smoke);
var context = new BenchContext(options, report);
StreamGen.Benchmarks.Workload.PipelineRun.Tuning = (options.BatchSize, options.ChannelCapacity);
results.Environment["batchSize"] = options.BatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default (256)";
results.Environment["channelCapacity"] = options.ChannelCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default (8)";
results.Environment["distinctKeys"] = options.DistinctKeys.ToString(System.Globalization.CultureInfo.InvariantCulture);
results.Environment["parallelism"] = options.Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture);
IScenario[] scenarios =
[
    new KeyedCountScenario(),
    new StatelessChainScenario(),
    new CheckpointCostScenario(),
    new SerializerScenario(),
    new RecoveryScenario(),
    new KafkaScenario(),
];

Console.WriteLine($"StreamGen benchmarks ({(options.Smoke ? "smoke" : options.Quick ? "quick" : "full")}): {results.Environment["cpuModel"]}, {Environment.ProcessorCount} cores, commit {results.Environment["commit"]}, {results.Environment["gc"]} GC");
Report.PrintHeader();
var clock = Stopwatch.StartNew();
foreach (var scenario in scenarios.Where(s => options.Runs(s.Name)))
{
    try
    {
        await scenario.RunAsync(context);
    }
    catch (Exception ex)
    {
        // One broken scenario must not hide the others' figures; the error is in the table and the JSON.
        results.Errors.Add($"{scenario.Name}: {ex.GetType().Name}: {ex.Message}");
        Console.WriteLine($"{scenario.Name,-18} FAILED: {ex}");
    }
}

results.Environment["totalSeconds"] = clock.Elapsed.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
report.PrintSummary();
report.Write(options.OutputPath ?? Path.Combine(RepositoryRoot(), "benchmarks", "results", "latest.json"));
return results.Errors.Count == 0 ? 0 : 1;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "StreamGen.sln")))
        {
            return directory.FullName;
        }
    }

    return Environment.CurrentDirectory;
}
