using System.Diagnostics;

namespace StreamGen.Benchmarks.Harness;

/// <summary>
/// Wall time, allocation and peak memory of one measured run. Allocation is the process-wide
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> delta, because a pipeline allocates on many threads.
/// Peak memory is the kernel's peak resident set (VmHWM, reset through /proc/self/clear_refs at the
/// start, so earlier scenarios do not count) and the largest managed heap seen by a 10 ms sampler.
/// </summary>
internal sealed class Measurement
{
    private readonly long _startTimestamp;
    private readonly long _startAllocated;
    private readonly int _startGen0;
    private readonly int _startGen2;
    private readonly TimeSpan _startCpu;
    private readonly (long Voluntary, long Involuntary) _startSwitches;
    private readonly Thread _sampler;
    private volatile bool _stop;
    private long _peakManaged;
    private long _peakWorkingSet;

    private Measurement()
    {
        // Memory of earlier scenarios is garbage by now; collect it so it is not charged to this one.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        ResetPeakResidentSet();
        _startGen0 = GC.CollectionCount(0);
        _startGen2 = GC.CollectionCount(2);
        _startAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _startCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _startSwitches = ResourceUsage.ContextSwitches();
        _sampler = new Thread(Sample) { IsBackground = true, Name = "bench memory sampler", Priority = ThreadPriority.BelowNormal };
        _sampler.Start();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static Measurement Start() => new();

    /// <summary>Stopwatch timestamp at which the measurement started.</summary>
    public long StartTimestamp => _startTimestamp;

    /// <summary>
    /// Ends the measurement; <paramref name="endTimestamp"/> lets a scenario stop the clock earlier (at its last
    /// output), <paramref name="startTimestamp"/> start it later (at its first output, so a job's fixed start-up
    /// is not charged to its throughput; CPU time and allocation still cover the whole run).
    /// </summary>
    public RunFigures Stop(long records, long? endTimestamp = null, long? startTimestamp = null)
    {
        var end = endTimestamp ?? Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _startAllocated;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _startCpu;
        var switches = ResourceUsage.ContextSwitches();
        _stop = true;
        _sampler.Join();
        var seconds = Stopwatch.GetElapsedTime(startTimestamp ?? _startTimestamp, end).TotalSeconds;
        var peakResident = ReadPeakResidentSet() ?? Interlocked.Read(ref _peakWorkingSet);
        return new RunFigures(
            records,
            seconds,
            allocated,
            Math.Max(peakResident, Interlocked.Read(ref _peakWorkingSet)),
            Math.Max(Interlocked.Read(ref _peakManaged), GC.GetGCMemoryInfo().HeapSizeBytes),
            GC.CollectionCount(0) - _startGen0,
            GC.CollectionCount(2) - _startGen2,
            cpu.TotalSeconds,
            switches.Voluntary - _startSwitches.Voluntary,
            switches.Involuntary - _startSwitches.Involuntary);
    }

    private void Sample()
    {
        while (!_stop)
        {
            var managed = GC.GetTotalMemory(forceFullCollection: false);
            if (managed > _peakManaged)
            {
                Interlocked.Exchange(ref _peakManaged, managed);
            }

            var workingSet = Environment.WorkingSet;
            if (workingSet > _peakWorkingSet)
            {
                Interlocked.Exchange(ref _peakWorkingSet, workingSet);
            }

            Thread.Sleep(10);
        }
    }

    private static void ResetPeakResidentSet()
    {
        try
        {
            // "5" resets the peak RSS (VmHWM) of the process (Linux 4.0+); harmless elsewhere to fail.
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static long? ReadPeakResidentSet()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
