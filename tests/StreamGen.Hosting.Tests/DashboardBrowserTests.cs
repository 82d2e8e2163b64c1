using System.Diagnostics;
using System.Text.Json;
using StreamGen.Storage;

namespace StreamGen.Hosting.Tests;

/// <summary>The dashboard as a person uses it: real headless Chromium driven by playwright-core.</summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private const string PlaywrightVersion = "1.65.1";
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-dashboard-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task The_dashboard_shows_the_running_job_and_a_savepoint_triggered_from_the_page()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is not installed at {chromium}; ./build.sh test installs the Debian package 'chromium'.");
        var playwright = await EnsurePlaywrightAsync();

        await using var host = await TestHost.StartAsync(_storage, recordsPerPartition: 200_000);
        var screenshot = Path.Combine(_storage, "dashboard.png");
        var (exit, output) = await RunAsync("node", [Path.Combine(AppContext.BaseDirectory, "Browser", "dashboard.cjs"), host.BaseUrl + "/", screenshot],
            new() { ["PLAYWRIGHT_CORE"] = playwright, ["CHROMIUM"] = chromium }, TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, "the browser script failed:\n" + output);
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("hosting-test", result.GetProperty("name").GetString());
        Assert.Contains("count", result.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        if (Environment.GetEnvironmentVariable("STREAMGEN_DASHBOARD_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(screenshot, keep, overwrite: true); // for a person to look at
        }

        var savepoints = await host.Job.Storage!.ListAsync(default);
        Assert.Contains(savepoints, s => s.Metadata.Kind == CheckpointKind.Savepoint && s.Path.EndsWith("from-browser", StringComparison.Ordinal));
    }

    /// <summary>Installs playwright-core once per machine (no browser download: Debian's Chromium is used).</summary>
    private static async Task<string> EnsurePlaywrightAsync()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var prefix = Path.Combine(cache, "streamgen", "playwright-core-" + PlaywrightVersion);
        var module = Path.Combine(prefix, "node_modules", "playwright-core");
        if (!File.Exists(Path.Combine(module, "package.json")))
        {
            Directory.CreateDirectory(prefix);
            var (exit, output) = await RunAsync("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", $"playwright-core@{PlaywrightVersion}"],
                new() { ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1" }, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, "npm install playwright-core failed:\n" + output);
        }

        return module;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, Dictionary<string, string> env, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
