namespace StreamGen.Hosting.Tests;

/// <summary>Exit codes and console output of a real host process: what an orchestrator and an operator see.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-exit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task A_bounded_job_that_finishes_exits_with_0()
    {
        var (exit, output) = await TestJobProcess.RunAsync(Settings(_storage));

        Assert.True(exit == ExitCodes.Success, $"exit code {exit}:\n{output}");
        Assert.Contains("records out: 1000", output);
    }

    [Fact]
    public async Task An_unwritable_checkpoint_path_exits_with_2_and_one_message_naming_the_key_and_the_path()
    {
        Directory.CreateDirectory(_storage);
        var file = Path.Combine(_storage, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var path = Path.Combine(file, "checkpoints");

        var (exit, output) = await TestJobProcess.RunAsync(Settings(path));

        Assert.True(exit == ExitCodes.InvalidConfiguration, $"exit code {exit}:\n{output}");
        Assert.Equal(1, Occurrences(output, $"StreamGen:Checkpointing:StoragePath is '{path}'"));
        AssertNoCrash(output);
        Assert.Contains("records out: 0", output); // RunAsync returned normally (no abort) and the job never ran
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_exits_with_2_and_one_line_naming_the_key_and_the_expected_form()
    {
        var settings = Settings(_storage);
        settings["StreamGen:Checkpointing:Interval"] = "fast";

        var (exit, output) = await TestJobProcess.RunAsync(settings);

        Assert.True(exit == ExitCodes.InvalidConfiguration, $"exit code {exit}:\n{output}");
        var line = Assert.Single(output.Split('\n'), l => l.Contains("StreamGen:Checkpointing:Interval", StringComparison.Ordinal));
        Assert.Contains("StreamGen cannot start: StreamGen:Checkpointing:Interval is 'fast', which is not a duration as [d.]hh:mm:ss[.fff], e.g. 00:00:10", line);
        AssertNoCrash(output);
    }

    private static Dictionary<string, string> Settings(string storage) => new()
    {
        ["StreamGen:JobName"] = "exit-code-test",
        ["StreamGen:Checkpointing:StoragePath"] = storage,
        ["StreamGen:Checkpointing:Interval"] = "00:00:00.200",
        ["StreamGen:Api:Enabled"] = "false",
    };

    private static void AssertNoCrash(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
