namespace StreamGen.Kafka.Native;

/// <summary>The librdkafka that Confluent.Kafka's clients in this process run on.</summary>
/// <param name="Path">The native file, or <see langword="null"/> when the platform does not say which file was mapped.</param>
/// <param name="VersionString">librdkafka's own version string, e.g. <c>2.15.1</c>.</param>
/// <param name="Version">Major, minor and revision of the loaded library.</param>
/// <param name="Origin">Where the choice came from: the StreamGen.Kafka.Native package, the override variable, or Confluent.Kafka's default.</param>
public sealed record KafkaNativeLibraryInfo(string? Path, string VersionString, Version Version, string Origin);
