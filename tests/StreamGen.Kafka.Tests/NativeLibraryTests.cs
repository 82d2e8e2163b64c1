using Confluent.Kafka;
using StreamGen.Kafka.Embedded;

namespace StreamGen.Kafka.Tests;

public sealed class NativeLibraryTests
{
    [Fact]
    public void ConfluentKafkaAndTheEmbeddedBrokerShareThePatchedLocalBuild()
    {
        // Loading through Confluent.Kafka first proves it resolves to the file we then inspect.
        Assert.Equal("2.15.1", Library.VersionString);

        Assert.True(NativeLibraryInfo.HasStreamGenPatches, "librdkafka lacks the eng/librdkafka patches");
        var path = Assert.Single(NativeLibraryInfo.LoadedPaths);
        Assert.EndsWith("runtimes/linux-x64/native/librdkafka.so", path, StringComparison.Ordinal);
    }
}
