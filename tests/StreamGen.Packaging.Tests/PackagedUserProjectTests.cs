namespace StreamGen.Packaging.Tests;

/// <summary>
/// StreamGen as a user meets it: the packages are packed from this repository, and a project outside it
/// references StreamGen.Hosting from a local folder feed (the generator and analyzers arrive inside the
/// StreamGen package). The project must build with zero warnings, run a checkpointed job, resume after a
/// SIGKILL with state identical to an uninterrupted run, restore after a [State] field is added, and refuse
/// with a named error when a field's type changes.
/// </summary>
public sealed class PackagedUserProjectTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "sg-package-" + Guid.NewGuid().ToString("N"));

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
    public async Task A_project_built_from_the_packages_runs_resumes_identically_after_a_kill_and_evolves_its_state()
    {
        var feed = await PackedPackages.GetAsync();
        var app = Path.Combine(_work, "app");
        UserProjects.Write("UserProject", app, feed);
        var build = await TestProcesses.RunOkAsync(app, "dotnet", ["build", "-c", "Release", "-nologo"]);
        Assert.Contains("0 Warning(s)", build);
        Assert.Contains("StreamGen.Generators.dll", await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json")));

        var reference = Finals(await TestProcesses.RunOkAsync(app, "dotnet", [Dll(app), "2000", .. Settings("reference")]));
        Assert.Equal(20, reference.Count);

        // Killed once a few checkpoints are complete, then started again: it must end in the same state.
        await KillAfterCheckpointsAsync(app, "crash", checkpoints: 3);
        var resumed = Finals(await TestProcesses.RunOkAsync(app, "dotnet", [Dll(app), "2000", .. Settings("crash")]));
        Assert.Equal(reference, resumed);

        // Add a [State] field: the checkpoint restores, the new field starts from its initializer.
        await EditAsync(app, "//ADDED_FIELD", "[State] private int _added = 7;");
        await EditAsync(app, "//ADDED_DIGEST", ", \"added=\" + _added");
        await TestProcesses.RunOkAsync(app, "dotnet", ["build", "-c", "Release", "-nologo"]);
        var evolved = Finals(await TestProcesses.RunOkAsync(app, "dotnet", [Dll(app), "2100", .. Settings("crash")]));
        Assert.Equal(20, evolved.Count);
        Assert.All(evolved.Values, digest => Assert.StartsWith("count=210|", digest));
        Assert.All(evolved.Values, digest => Assert.Contains("|added=7", digest));

        // Change a field's type: the restore stops with the operator, field and both types.
        await EditAsync(app, "[State] private long _count;", "[State] private int _count;");
        await TestProcesses.RunOkAsync(app, "dotnet", ["build", "-c", "Release", "-nologo"]);
        var (exit, output) = await TestProcesses.RunAsync(app, "dotnet", [Dll(app), "2200", .. Settings("crash"), "--StreamGen:RestartStrategy:Type=None"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("Shop.Tally", output);
        Assert.Contains("field '_count' was checkpointed as long but is now declared as int", output);
    }

    private string[] Settings(string storage) =>
    [
        $"--StreamGen:Checkpointing:StoragePath={Path.Combine(_work, storage)}",
        "--StreamGen:Checkpointing:Interval=00:00:00.100",
        "--StreamGen:Api:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>
    /// Runs the job with the runtime's crash point armed, so the process SIGKILLs itself right after its
    /// <paramref name="checkpoints"/>-th checkpoint completed and before anyone is notified: a deterministic
    /// crash in the window exactly-once has to survive, independent of how fast the machine is.
    /// </summary>
    private async Task KillAfterCheckpointsAsync(string app, string storage, int checkpoints)
    {
        var (exit, output) = await TestProcesses.RunAsync(app, "dotnet", [Dll(app), "2000", .. Settings(storage)],
            new() { ["STREAMGEN_CRASH_POINTS"] = $"after-complete-before-notify:{checkpoints}:kill" });
        Assert.True(exit != 0, $"the job was not killed at checkpoint {checkpoints} (exit {exit}):\n{output}");
        Assert.DoesNotContain("FINAL ", output);
        Assert.True(File.Exists(Path.Combine(_work, storage, $"chk-{checkpoints}", "_metadata")), $"checkpoint {checkpoints} is not complete:\n{output}");
    }

    private static Dictionary<string, string> Finals(string output)
        => output.Split('\n').Where(l => l.StartsWith("FINAL ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ', 3))
            .ToDictionary(p => p[1], p => p[2]);

    private static string Dll(string app) => Path.Combine(app, "bin", "Release", "net10.0", "UserProject.dll");

    private static async Task EditAsync(string app, string find, string replace)
    {
        var path = Path.Combine(app, "Orders.cs");
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(find, text);
        await File.WriteAllTextAsync(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
