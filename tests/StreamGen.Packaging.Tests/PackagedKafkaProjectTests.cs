using StreamGen.Kafka.Embedded;

namespace StreamGen.Packaging.Tests;

/// <summary>
/// A new user's first Kafka job, outside the repository, with an empty NuGet package cache and no source but the
/// registry and StreamGen's packed packages: the packages must bring a librdkafka that loads here (the registry's
/// librdkafka.redist does not on Debian), the job must round-trip records through a broker, and a librdkafka that
/// cannot be had must stop the program at once with what to set.
/// </summary>
public sealed class PackagedKafkaProjectTests : IDisposable
{
    private const int Records = 300;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "sg-kafka-package-" + Guid.NewGuid().ToString("N"));

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
    public async Task A_project_restored_with_a_fresh_package_cache_loads_the_packaged_librdkafka_and_round_trips_records()
    {
        var feed = await PackedPackages.GetAsync();
        var app = Path.Combine(_work, "app");
        UserProjects.Write("KafkaUserProject", app, feed);
        var packages = Path.Combine(_work, "nuget-packages");
        var fresh = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
        var build = await TestProcesses.RunOkAsync(app, "dotnet", ["build", "-c", "Release", "-nologo"], fresh);
        Assert.Contains("0 Warning(s)", build);
        Assert.True(Directory.Exists(Path.Combine(packages, "streamgen.kafka.native", feed.NativeVersion)), "StreamGen.Kafka.Native was not restored into the fresh cache");
        // Confluent.Kafka still brings the registry's own librdkafka.redist (Windows and macOS use it); on Linux it is not loaded.
        Assert.True(Directory.Exists(Path.Combine(packages, "librdkafka.redist")), "librdkafka.redist did not come from the registry");

        using var broker = EmbeddedKafkaServerProcess.Start(topics: [new EmbeddedTopic("input", 2), new EmbeddedTopic("output", 2)]);
        var output = await TestProcesses.RunOkAsync(app, "dotnet", [Dll(app), Records.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Settings(broker.BootstrapServers)], fresh);

        var expectedLibrary = Path.Combine(app, "bin", "Release", "net10.0", "runtimes", "linux-x64", "native", "libstreamgen-rdkafka.so");
        var librdkafkaVersion = string.Join('.', feed.NativeVersion.Split('.').Take(3));
        Assert.Contains($"LIBRDKAFKA {librdkafkaVersion} {expectedLibrary}", output);
        Assert.Contains($"Kafka clients use librdkafka {librdkafkaVersion} from {expectedLibrary} (StreamGen.Kafka.Native)", output);
        var received = output.Split('\n').Where(l => l.StartsWith("RECEIVED ", StringComparison.Ordinal)).Select(l => l.Trim()["RECEIVED ".Length..]).Order(StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(0, Records).Select(i => $"RECORD-{i}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, received);

        // A librdkafka that cannot be had stops the program when the job is defined, before anything runs or restarts.
        var missing = Path.Combine(_work, "nowhere", "librdkafka.so");
        var (exit, failure) = await TestProcesses.RunAsync(app, "dotnet", [Dll(app), "1", .. Settings(broker.BootstrapServers)],
            new() { ["NUGET_PACKAGES"] = packages, ["STREAMGEN_LIBRDKAFKA_PATH"] = missing });
        Assert.NotEqual(0, exit);
        Assert.Contains($"KafkaNativeLibraryException: STREAMGEN_LIBRDKAFKA_PATH names {missing}, which does not exist", failure);
        Assert.DoesNotContain("restarting", failure, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("LIBRDKAFKA ", failure);
    }

    private string[] Settings(string bootstrapServers) =>
    [
        $"--StreamGen:Kafka:BootstrapServers={bootstrapServers}",
        $"--StreamGen:Checkpointing:StoragePath={Path.Combine(_work, "checkpoints")}",
        "--StreamGen:Checkpointing:Interval=00:00:00.200",
        "--StreamGen:Api:Enabled=false",
    ];

    private static string Dll(string app) => Path.Combine(app, "bin", "Release", "net10.0", "KafkaUserProject.dll");
}
