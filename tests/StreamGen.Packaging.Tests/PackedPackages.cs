using System.Globalization;

namespace StreamGen.Packaging.Tests;

/// <summary>
/// Packs the StreamGen packages once per test run into a folder feed, next to the StreamGen.Kafka.Native package
/// that eng/librdkafka/build.sh produced: everything a user gets from StreamGen, and nothing else of this repository.
/// </summary>
internal static class PackedPackages
{
    private const string NativePackage = "StreamGen.Kafka.Native";

    private static readonly string Work = Path.Combine(Path.GetTempPath(), "sg-packed-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<Task<PackedFeed>> Feed = new(PackAsync);

    static PackedPackages() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
    };

    public static Task<PackedFeed> GetAsync() => Feed.Value;

    private static async Task<PackedFeed> PackAsync()
    {
        var repo = TestProcesses.RepositoryRoot();
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Path.Combine(Work, "feed");
        foreach (var project in new[] { "src/StreamGen/StreamGen.csproj", "src/StreamGen.Kafka/StreamGen.Kafka.csproj", "src/StreamGen.Hosting/StreamGen.Hosting.csproj" })
        {
            // A separate artifacts tree: packing must not overwrite assemblies other test runs have loaded.
            await TestProcesses.RunOkAsync(repo, "dotnet", ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo"],
                new() { ["STREAMGEN_ARTIFACTS"] = Path.Combine(Work, "artifacts") });
        }

        var native = Assert.Single(Directory.GetFiles(Path.Combine(repo, "artifacts", "feed"), NativePackage + ".*.nupkg"));
        File.Copy(native, Path.Combine(feed, Path.GetFileName(native)));
        var nativeVersion = Path.GetFileNameWithoutExtension(native)[(NativePackage.Length + 1)..];
        return new PackedFeed(feed, version, nativeVersion);
    }
}
