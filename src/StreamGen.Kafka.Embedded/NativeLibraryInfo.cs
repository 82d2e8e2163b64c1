using System.Runtime.InteropServices;
using StreamGen.Kafka.Embedded.Interop;

namespace StreamGen.Kafka.Embedded;

/// <summary>
/// Which librdkafka the process runs: the embedded broker depends on StreamGen's patches
/// to the mock cluster (eng/librdkafka), and an unpatched copy would silently break
/// read_committed and transactional offsets, so the broker checks before it starts.
/// </summary>
public static class NativeLibraryInfo
{
    /// <summary>An export that only the patched build has (eng/librdkafka/patches).</summary>
    private const string PatchMarkerExport = "rd_kafka_mock_broker_set_listen_port";

    private static readonly Lazy<nint> Handle = new(
        () => NativeLibrary.Load(LibRdKafka.LibraryName, typeof(LibRdKafka).Assembly, searchPath: null));

    /// <summary>The librdkafka version string, e.g. <c>2.15.1</c>.</summary>
    public static unsafe string Version
    {
        get
        {
            _ = Handle.Value;
            return Marshal.PtrToStringUTF8((nint)LibRdKafka.VersionString()) ?? "unknown";
        }
    }

    /// <summary>Whether the loaded librdkafka carries StreamGen's mock-cluster patches.</summary>
    public static bool HasStreamGenPatches => NativeLibrary.TryGetExport(Handle.Value, PatchMarkerExport, out _);

    /// <summary>
    /// The files named librdkafka that the process has mapped (Linux only; empty elsewhere).
    /// Exactly one entry means Confluent.Kafka and the embedded broker share one library.
    /// </summary>
    public static IReadOnlyList<string> LoadedPaths
    {
        get
        {
            _ = Handle.Value;
            const string maps = "/proc/self/maps";
            if (!File.Exists(maps))
            {
                return [];
            }

            return File.ReadLines(maps)
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : "")
                .Where(path => Path.GetFileName(path).StartsWith("librdkafka", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
    }

    internal static void EnsurePatched()
    {
        if (!HasStreamGenPatches)
        {
            throw new InvalidOperationException(
                $"The librdkafka loaded from {string.Join(", ", LoadedPaths)} (version {Version}) lacks StreamGen's " +
                "mock-cluster patches, so the embedded broker would ignore read_committed and transactional offsets. " +
                "Run eng/librdkafka/build.sh (it also evicts a stale librdkafka.redist from the NuGet global " +
                "packages folder), then restore and build again.");
        }
    }
}
