using System.Diagnostics;
using StreamGen.Kafka.Tests.CrashClient;

namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>
/// This test assembly run as a separate client process (see <see cref="CrashClientProgram"/>),
/// so a test can SIGKILL a Kafka client mid-transaction.
/// </summary>
public sealed class CrashClientProcess : IDisposable
{
    private readonly Process _process;

    private CrashClientProcess(Process process) => _process = process;

    /// <summary>Operating-system id of the client process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the client with <paramref name="arguments"/> and waits for <paramref name="readyLine"/> on its stdout.</summary>
    public static CrashClientProcess StartAndWaitFor(string readyLine, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(CrashClientProgram).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash client.");
        var client = new CrashClientProcess(process);
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(deadline - DateTime.UtcNow) || line.Result is null)
            {
                break;
            }

            if (line.Result == readyLine)
            {
                return client;
            }
        }

        client.Kill();
        throw new InvalidOperationException(
            $"The crash client never printed '{readyLine}'. Its stderr:{Environment.NewLine}{(stderr.Wait(1000) ? stderr.Result : "")}");
    }

    /// <summary>SIGKILLs the client: no shutdown code runs, as in a real crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
