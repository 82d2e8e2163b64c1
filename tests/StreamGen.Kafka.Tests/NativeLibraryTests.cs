using System.Runtime.InteropServices;
using Confluent.Kafka;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Native;

namespace StreamGen.Kafka.Tests;

public sealed class NativeLibraryTests
{
    /// <summary>An export only the embedded broker's patched build has (eng/librdkafka/patches).</summary>
    private const string PatchMarkerExport = "rd_kafka_mock_broker_set_listen_port";

    [Fact]
    public void Clients_run_on_StreamGens_unpatched_build_and_the_embedded_broker_on_its_own_patched_one()
    {
        var client = KafkaNativeLibrary.EnsureLoaded();
        Assert.Equal("StreamGen.Kafka.Native", client.Origin);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", KafkaNativeLibrary.FileName), client.Path);
        Assert.Equal(client.VersionString, Library.VersionString);
        Assert.True(client.Version >= KafkaNativeLibrary.MinimumVersion, $"{client.Version} < {KafkaNativeLibrary.MinimumVersion}");

        var handle = NativeLibrary.Load(client.Path!);
        Assert.False(NativeLibrary.TryGetExport(handle, PatchMarkerExport, out _), "the client library carries the mock-cluster patch");

        Assert.True(NativeLibraryInfo.HasStreamGenPatches, "the embedded broker's library lacks the eng/librdkafka patches");
        Assert.Equal(client.VersionString, NativeLibraryInfo.Version);
        var mapped = NativeLibraryInfo.LoadedPaths;
        Assert.Contains(client.Path, mapped);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "libstreamgen-rdkafka-mock.so"), mapped);
        // Nothing loads Confluent.Kafka's default librdkafka.so (the registry's, or an older system copy).
        Assert.Equal(2, mapped.Count);
    }

    [Fact]
    public void Loading_again_returns_the_library_already_loaded()
    {
        var first = KafkaNativeLibrary.EnsureLoaded();
        Assert.Same(first, KafkaNativeLibrary.EnsureLoaded());
    }
}
