using System.Diagnostics;
using System.Globalization;
using System.Text;
using StreamGen.Checkpointing;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>
/// The crash-test job (tests/StreamGen.Kafka.CrashJob: Kafka → KeyBy → RunningCount → Kafka) in its own
/// process, so a test can SIGKILL it — or let a crash point kill it — while the broker lives on.
/// </summary>
internal sealed class CrashJobProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CrashJobProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static CrashJobProcess Start(string bootstrap, string input, string output, string checkpoints, CheckpointingMode mode, string? crashPoints, int intervalMs = 150, int? sinkParallelism = null)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StreamGen.Kafka.CrashJob.dll"));
        foreach (var arg in new[] { bootstrap, input, output, checkpoints, mode.ToString(), "2", intervalMs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (sinkParallelism is { } sinks)
        {
            start.ArgumentList.Add(sinks.ToString(CultureInfo.InvariantCulture));
        }

        if (crashPoints is not null)
        {
            start.Environment["STREAMGEN_CRASH_POINTS"] = crashPoints;
        }

        return new CrashJobProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash job."));
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGTERM: the job stops gracefully, as under an orchestrator.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 20_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
