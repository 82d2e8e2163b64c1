using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace StreamGen.Benchmarks.Harness;

/// <summary>The machine, runtime and commit a run was measured on, for the JSON file and docs/performance.md.</summary>
internal static class MachineInfo
{
    public static Dictionary<string, string> Collect(string[] args) => new()
    {
        ["timestampUtc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["command"] = "./build.sh bench " + string.Join(' ', args),
        ["commit"] = GitCommit(),
        ["processorCount"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["cpuModel"] = CpuModel(),
        ["memoryTotal"] = MemoryTotal(),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["gc"] = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, latency {GCSettings.LatencyMode}",
        ["tieredPgo"] = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default (on)",
    };

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string MemoryTotal()
    {
        try
        {
            return File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var commit = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var dirty = status!.StandardOutput.ReadToEnd().Trim().Length > 0;
            status.WaitForExit();
            return git.ExitCode == 0 ? commit + (dirty ? " (with uncommitted changes)" : string.Empty) : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
