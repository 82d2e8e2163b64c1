using System.Diagnostics;
using StreamGen.FaultInjection;

namespace StreamGen.Tests.ChildProcess;

/// <summary>Starts <see cref="ChildJobProgram"/> as its own process and collects its exit code and output.</summary>
public static class ChildJobProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string storage, string output, string? crashPoints, int restarts = 0)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildJobProgram).Assembly.Location);
        start.ArgumentList.Add("child");
        start.ArgumentList.Add(storage);
        start.ArgumentList.Add(output);
        start.ArgumentList.Add(restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment[FaultInjector.EnvironmentVariable] = crashPoints ?? string.Empty;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();

        // Bounds the wait so a hung child fails the test instead of hanging it (not a timing assertion).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("child job process did not exit: " + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
