using System.Runtime.CompilerServices;
using StreamGen.Recovery;
using StreamGen.Storage;
using StreamGen.Connectors;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.Compatibility;

/// <summary>
/// Checkpoints outlive releases: a savepoint written by StreamGen 0.1 (hand-written MessagePack codec) by a real run of
/// <see cref="CompatibilityJob"/> is committed under <c>Fixtures/savepoint-0.1</c>, and every later version must restore
/// it — source offsets, keyed state of many types, operator state and sink state — and end exactly as an
/// uninterrupted run does.
/// </summary>
public sealed class StateFormatCompatibilityTests
{
    private const string FixtureName = "savepoint-0.1";

    [Fact]
    public async Task The_0_1_savepoint_restores_and_the_job_ends_as_an_uninterrupted_run_does()
    {
        var reference = await RunToEndAsync(restoreFrom: null);

        using var storage = new TempDirectory();
        var fixture = CopyFixture(storage.Path);
        var output = new CollectedOutput<string>();
        var execution = JobRunner.Start(CompatibilityJob.Build(CompatibilityJob.Source(pollInterval: null), new ExactlyOnceCollectingSink<string>(output)), CompatibilityJob.Options(storage.Path, fixture));
        await CountingJob.WaitAsync(execution);

        // It resumed from the savepoint (not from the beginning) and restored every kind of state.
        Assert.NotNull(execution.GetCheckpointStats().LatestRestore);
        Assert.InRange(output.Records.Count, 1, (CompatibilityJob.Partitions * CompatibilityJob.RecordsPerPartition) - 1);
        Assert.Equal(reference.LastLines, CompatibilityJob.LastLinePerKey(output.Records));
        Assert.Equal(CompatibilityJob.Partitions * CompatibilityJob.RecordsPerPartition, output.Records.Max(Total));
    }

    [Fact]
    public async Task A_savepoint_taken_mid_run_by_this_version_restores_the_same_way()
    {
        using var storage = new TempDirectory();
        var savepoint = await WriteSavepointAsync(storage.Path);

        // STREAMGEN_WRITE_COMPAT_FIXTURE=1 refreshes the committed fixture: only ever with the release whose format it pins.
        if (Environment.GetEnvironmentVariable("STREAMGEN_WRITE_COMPAT_FIXTURE") == "1")
        {
            CopyDirectory(savepoint, SourceFixtureDirectory());
        }

        var reference = await RunToEndAsync(restoreFrom: null);
        var restored = await RunToEndAsync(restoreFrom: savepoint);
        Assert.True(restored.Count < reference.Count, "the restored run replayed records the savepoint had covered");
        Assert.Equal(reference.LastLines, restored.LastLines);
    }

    private static async Task<string> WriteSavepointAsync(string storagePath)
    {
        // Throttled so the savepoint falls mid-stream: some records before it, some after.
        var output = new CollectedOutput<string>();
        var execution = JobRunner.Start(
            CompatibilityJob.Build(CompatibilityJob.Source(TimeSpan.FromMilliseconds(5)), new ExactlyOnceCollectingSink<string>(output)),
            CompatibilityJob.Options(storagePath, restoreFrom: null));
        for (var i = 0; i < 4000 && execution.GetOperatorMetrics().Where(m => m.OperatorId == "accounts").Sum(m => m.RecordsIn) < 200; i++)
        {
            await Task.Delay(5);
        }

        var savepoint = await execution.TriggerSavepointAsync("compat").WaitAsync(TimeSpan.FromSeconds(30));
        await execution.CancelAsync();
        Assert.Equal(CheckpointKind.Savepoint, savepoint.Kind);
        return savepoint.Path!;
    }

    private static async Task<(int Count, Dictionary<string, string> LastLines)> RunToEndAsync(string? restoreFrom)
    {
        using var storage = new TempDirectory();
        var output = new CollectedOutput<string>();
        var execution = JobRunner.Start(CompatibilityJob.Build(CompatibilityJob.Source(pollInterval: null), new ExactlyOnceCollectingSink<string>(output)), CompatibilityJob.Options(storage.Path, restoreFrom));
        await CountingJob.WaitAsync(execution);
        return (output.Records.Count, CompatibilityJob.LastLinePerKey(output.Records));
    }

    private static long Total(string line) => long.Parse(line[..line.IndexOf('#')], System.Globalization.CultureInfo.InvariantCulture);

    private static string CopyFixture(string storagePath)
    {
        var target = Path.Combine(storagePath, "fixture", FixtureName);
        CopyDirectory(FixtureDirectory(), target);
        return target;
    }

    /// <summary>The fixture as copied to the test output folder (the test project copies Compatibility/Fixtures).</summary>
    internal static string FixtureDirectory()
        => Path.Combine(AppContext.BaseDirectory, "Compatibility", "Fixtures", FixtureName);

    /// <summary>The committed fixture in the source tree, for refreshing it (a local build only: CI maps source paths).</summary>
    private static string SourceFixtureDirectory([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", FixtureName);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
