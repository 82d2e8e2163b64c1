using System.Runtime.InteropServices;
using StreamGen.Kafka.Embedded.Interop;

namespace StreamGen.Kafka.Embedded;

/// <summary>
/// The embedded broker's native library, <c>libstreamgen-rdkafka-mock.so</c>: librdkafka with StreamGen's
/// patches to the mock cluster (eng/librdkafka). An unpatched copy would silently break read_committed and
/// transactional offsets, so the broker checks before it starts. Kafka clients in the same process use their
/// own library (StreamGen.Kafka's <c>KafkaNativeLibrary</c>), never this one.
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
    /// The librdkafka builds the process has mapped, the broker's and any client's (Linux only; empty elsewhere).
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
                .Where(path => Path.GetFileName(path).Contains("rdkafka", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
    }

    internal static void EnsurePatched()
    {
        if (!HasStreamGenPatches)
        {
            throw new InvalidOperationException(
                $"The embedded broker's {LibRdKafka.LibraryName}.so (version {Version}, mapped: {string.Join(", ", LoadedPaths)}) " +
                "lacks StreamGen's mock-cluster patches, so it would ignore read_committed and transactional offsets. " +
                "Run eng/librdkafka/build.sh, then build again.");
        }
    }
}
