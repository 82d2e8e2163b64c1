namespace StreamGen.Benchmarks.Harness;

/// <summary>One line of the table: a scenario variant (StreamGen or a baseline) with its figures and ratios.</summary>
internal sealed class ResultRow
{
    public required string Scenario { get; init; }

    public required string Variant { get; init; }

    public long Records { get; init; }

    public double Seconds { get; init; }

    public double RecordsPerSecond { get; init; }

    public double AllocatedBytesPerRecord { get; init; }

    public double PeakWorkingSetMB { get; init; }

    public double PeakManagedHeapMB { get; init; }

    /// <summary>Process CPU time (all threads) per record, in nanoseconds: steadier than wall time on a shared machine.</summary>
    public double CpuNanosecondsPerRecord { get; init; }

    /// <summary>Voluntary context switches (a thread blocked: waiting for input, a full channel, a lock) per 1000 records.</summary>
    public double VoluntaryContextSwitchesPer1000Records { get; init; }

    /// <summary>Involuntary context switches (preempted, mostly by other work on the machine) per 1000 records.</summary>
    public double InvoluntaryContextSwitchesPer1000Records { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen2Collections { get; init; }

    /// <summary>This row's records/s (or speed) divided by each baseline's, measured in the same run.</summary>
    public Dictionary<string, double> Ratios { get; init; } = new();

    /// <summary>Scenario-specific figures (pause percentiles, checkpoint bytes, MB/s, ...).</summary>
    public Dictionary<string, double> Figures { get; init; } = new();

    public string? Note { get; init; }

    public static ResultRow From(string scenario, string variant, RunFigures run, string? note = null)
    {
        var row = Create(scenario, variant, run, note);
        if (run.StartupSeconds is { } startup)
        {
            row.Figures["startup ms"] = Math.Round(startup * 1000, 1);
        }

        return row;
    }

    private static ResultRow Create(string scenario, string variant, RunFigures run, string? note) => new()
    {
        Scenario = scenario,
        Variant = variant,
        Records = run.Records,
        Seconds = Math.Round(run.Seconds, 4),
        RecordsPerSecond = Math.Round(run.RecordsPerSecond),
        AllocatedBytesPerRecord = Math.Round(run.AllocatedBytesPerRecord, 2),
        PeakWorkingSetMB = Math.Round(run.PeakWorkingSetBytes / 1048576.0, 1),
        PeakManagedHeapMB = Math.Round(run.PeakManagedHeapBytes / 1048576.0, 1),
        CpuNanosecondsPerRecord = Math.Round(run.CpuNanosecondsPerRecord, 1),
        VoluntaryContextSwitchesPer1000Records = run.Records == 0 ? 0 : Math.Round(run.VoluntaryContextSwitches * 1000.0 / run.Records, 3),
        InvoluntaryContextSwitchesPer1000Records = run.Records == 0 ? 0 : Math.Round(run.InvoluntaryContextSwitches * 1000.0 / run.Records, 3),
        Gen0Collections = run.Gen0Collections,
        Gen2Collections = run.Gen2Collections,
        Note = note,
    };
}
