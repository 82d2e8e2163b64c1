namespace StreamGen.Packaging.Tests;

/// <summary>
/// samples/NativeAot published with NativeAOT (no JIT, no reflection emit): it must run, checkpoint, and after
/// a SIGKILL resume to the same final state as an uninterrupted run — generated state code at work.
/// </summary>
public sealed class NativeAotSampleTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "sg-aot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_native_binary_checkpoints_and_resumes_identically_after_a_kill()
    {
        var repo = TestProcesses.RepositoryRoot();
        var artifacts = Path.Combine(_work, "artifacts");
        var publish = await TestProcesses.RunOkAsync(repo, "dotnet", ["publish", "samples/NativeAot/NativeAot.csproj", "-c", "Release", "-nologo"],
            new() { ["STREAMGEN_ARTIFACTS"] = artifacts });
        Assert.DoesNotContain("warning", publish, StringComparison.OrdinalIgnoreCase);
        var binary = Path.Combine(artifacts, "publish", "NativeAot", "release_linux-x64", "NativeAot");
        Assert.True(File.Exists(binary), "no native binary at " + binary);
        Assert.False(File.Exists(Path.ChangeExtension(binary, ".dll")), "a managed NativeAot.dll was published: not a NativeAOT build");

        var reference = await TestProcesses.RunOkAsync(_work, binary, [Path.Combine(_work, "reference"), "1500"]);
        Assert.Contains("CHECKPOINTS", reference);

        // The native process SIGKILLs itself right after its 3rd checkpoint completed (runtime crash point).
        var crash = Path.Combine(_work, "crash");
        var (exit, output) = await TestProcesses.RunAsync(_work, binary, [crash, "1500"], new() { ["STREAMGEN_CRASH_POINTS"] = "after-complete-before-notify:3:kill" });
        Assert.True(exit != 0, $"the native job was not killed at checkpoint 3 (exit {exit}):\n{output}");
        Assert.True(File.Exists(Path.Combine(crash, "chk-3", "_metadata")), "checkpoint 3 is not complete:\n" + output);

        var resumed = await TestProcesses.RunOkAsync(_work, binary, [crash, "1500"]);
        Assert.Equal(Finals(reference), Finals(resumed));
        Assert.Equal(8, Finals(reference).Count);
    }

    private static List<string> Finals(string output) => output.Split('\n').Where(l => l.StartsWith("FINAL ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
}
