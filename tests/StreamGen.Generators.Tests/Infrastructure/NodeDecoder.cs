using System.Diagnostics;
using System.Text.Json;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>
/// Decodes bytes with the npm package <c>@msgpack/msgpack</c> run by node: a MessagePack implementation that
/// shares nothing with StreamGen's writer. The package is installed on first use into the git-ignored
/// <c>node/node_modules</c> (then cached); if npm or node cannot be run, the tests fail rather than skip.
/// </summary>
internal static class NodeDecoder
{
    private static readonly Lazy<string> Directory = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static JsonElement Decode(byte[] bytes)
    {
        var directory = Directory.Value;
        var file = Path.Combine(Path.GetTempPath(), $"streamgen-state-{Guid.NewGuid():N}.msgpack");
        File.WriteAllBytes(file, bytes);
        try
        {
            var json = Run("node", [Path.Combine(directory, "decode.js"), file], directory, TimeSpan.FromMinutes(1));
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Install()
    {
        var directory = TestPaths.Node;
        if (!File.Exists(Path.Combine(directory, "node_modules", "@msgpack", "msgpack", "package.json")))
        {
            Run("npm", ["install", "--prefix", directory, "--no-audit", "--no-fund", "--loglevel=error"], directory, TimeSpan.FromMinutes(5));
        }

        return directory;
    }

    private static string Run(string program, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        }

        return stdout.Result;
    }
}
