using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace StreamGen.Packaging.Tests;

/// <summary>Runs tools and built programs for the packaging tests.</summary>
internal static class TestProcesses
{
    public static async Task<string> RunOkAsync(string directory, string file, string[] args, Dictionary<string, string>? env = null)
    {
        var (exit, output) = await RunAsync(directory, file, args, env);
        Assert.True(exit == 0, $"{file} {string.Join(' ', args)} failed ({exit}):\n{output}");
        return output;
    }

    public static async Task<(int Exit, string Output)> RunAsync(string directory, string file, string[] args, Dictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The user project must not inherit this repository's build settings.
        start.Environment.Remove("STREAMGEN_ARTIFACTS");
        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        return (process.ExitCode, output);
    }

    /// <summary>The repository this test assembly was built from (its build output may live elsewhere, under STREAMGEN_ARTIFACTS).</summary>
    public static string RepositoryRoot()
    {
        var root = typeof(TestProcesses).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        Assert.True(File.Exists(Path.Combine(root, "StreamGen.sln")), $"No StreamGen.sln in {root}: these tests use the repository they were built from.");
        return root;
    }
}
