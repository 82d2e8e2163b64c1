namespace StreamGen.Benchmarks.Harness;

/// <summary>One scenario of the issue; a file each under Scenarios/.</summary>
internal interface IScenario
{
    string Name { get; }

    Task RunAsync(BenchContext context);
}
