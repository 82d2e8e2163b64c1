namespace StreamGen.Benchmarks.Harness;

/// <summary>What one measured run produced.</summary>
/// <remarks>
/// <see cref="CpuSeconds"/> is the process's user + system CPU time over the run (all threads, including the
/// sampler's few microseconds): on a machine shared with other work it is steadier than wall time, which
/// also counts the time the pipeline's threads waited for a core.
/// </remarks>
internal sealed record RunFigures(long Records, double Seconds, long AllocatedBytes, long PeakWorkingSetBytes, long PeakManagedHeapBytes, int Gen0Collections, int Gen2Collections, double CpuSeconds, long VoluntaryContextSwitches, long InvoluntaryContextSwitches)
{
    /// <summary>For jobs: from start to the first output record, not included in <see cref="Seconds"/>.</summary>
    public double? StartupSeconds { get; init; }

    public double CpuNanosecondsPerRecord => Records == 0 ? 0 : CpuSeconds * 1e9 / Records;

    public double RecordsPerSecond => Records / Seconds;

    public double AllocatedBytesPerRecord => Records == 0 ? 0 : (double)AllocatedBytes / Records;
}
