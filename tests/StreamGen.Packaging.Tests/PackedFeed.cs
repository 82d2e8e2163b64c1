namespace StreamGen.Packaging.Tests;

/// <summary>A folder feed holding the StreamGen packages packed from this repository, and their version.</summary>
/// <param name="Directory">The feed folder: StreamGen, StreamGen.Kafka, StreamGen.Hosting and StreamGen.Kafka.Native.</param>
/// <param name="Version">The version the StreamGen packages were packed with.</param>
/// <param name="NativeVersion">The version of StreamGen.Kafka.Native (eng/librdkafka/build.sh derives it from the library's bytes).</param>
internal sealed record PackedFeed(string Directory, string Version, string NativeVersion);
