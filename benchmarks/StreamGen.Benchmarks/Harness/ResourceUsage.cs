using System.Runtime.InteropServices;

namespace StreamGen.Benchmarks.Harness;

/// <summary>
/// Context switches of the whole process (all threads, including ended ones) from getrusage(2): a
/// pipeline that hands batches between threads pays for every wake-up, and unlike wall time this count
/// does not depend on how busy the shared machine is.
/// </summary>
internal static class ResourceUsage
{
    private const int RusageSelf = 0;

    public static (long Voluntary, long Involuntary) ContextSwitches()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        var usage = default(RUsage);
        return GetRUsage(RusageSelf, ref usage) == 0 ? (usage.NVcsw, usage.NIvcsw) : (0, 0);
    }

    // DllImport rather than LibraryImport: the struct is blittable, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, ref RUsage usage);

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UtimeSec;
        public long UtimeUsec;
        public long StimeSec;
        public long StimeUsec;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
