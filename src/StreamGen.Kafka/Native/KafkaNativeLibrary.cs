using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamGen.Kafka.Native;

/// <summary>
/// Chooses and loads the native librdkafka that Confluent.Kafka's clients run on, once per process, before the
/// first client is created. On Linux x64 that is <c>libstreamgen-rdkafka.so</c> from the StreamGen.Kafka.Native
/// package: the registry's librdkafka.redist needs RHEL's <c>libsasl2.so.3</c> and does not load on
/// Debian or Ubuntu, after which Confluent.Kafka would silently bind an older system librdkafka instead. On
/// other platforms Confluent.Kafka's own librdkafka.redist is used. <see cref="PathVariable"/> overrides both.
/// </summary>
/// <remarks>
/// Kafka sources and sinks call this themselves. Call <see cref="EnsureLoaded()"/> first if the process creates
/// its own Confluent.Kafka clients before the job starts: the first client would otherwise load a library of
/// Confluent.Kafka's choosing, and a process cannot switch libraries afterwards.
/// </remarks>
public static class KafkaNativeLibrary
{
    /// <summary>
    /// Environment variable naming the librdkafka file to load instead of the bundled one, e.g. a build with
    /// Kerberos (GSSAPI) support; it must be at least <see cref="MinimumVersion"/>.
    /// </summary>
    public const string PathVariable = "STREAMGEN_LIBRDKAFKA_PATH";

    /// <summary>The file name of StreamGen's Linux x64 build in the StreamGen.Kafka.Native package.</summary>
    public const string FileName = "libstreamgen-rdkafka.so";

    private static readonly Lock Gate = new();
    private static KafkaNativeLibraryInfo? _loaded;
    private static KafkaNativeLibraryException? _failure;
    private static bool _logged;
    private static string? _chosenPath;

    /// <summary>
    /// The oldest librdkafka accepted: the release line Confluent.Kafka was built for. Confluent.Kafka binds
    /// entry points lazily, so an older library fails only when a client first calls a newer function (for
    /// example <c>rd_kafka_topic_partition_get_leader_epoch</c>, missing before 2.1, on the first consumed record).
    /// </summary>
    public static Version MinimumVersion { get; } = typeof(Library).Assembly.GetName().Version is { } v ? new Version(v.Major, v.Minor, 0) : new Version(2, 0, 0);

    /// <summary>Loads librdkafka if no client has yet, and checks its version.</summary>
    /// <returns>The file and version that Confluent.Kafka's clients use.</returns>
    /// <exception cref="KafkaNativeLibraryException">
    /// The library is missing, cannot be loaded or is older than <see cref="MinimumVersion"/>. Restarting does not
    /// help: the message says what to install or set. Every later call throws the same exception.
    /// </exception>
    public static KafkaNativeLibraryInfo EnsureLoaded()
    {
        lock (Gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            if (_loaded is not null)
            {
                return _loaded;
            }

            try
            {
                _loaded = Load();
                return _loaded;
            }
            catch (KafkaNativeLibraryException ex)
            {
                _failure = ex;
                throw;
            }
        }
    }

    /// <summary>
    /// <see cref="EnsureLoaded()"/>, and the first time in the process logs which librdkafka file and version
    /// were loaded.
    /// </summary>
    /// <param name="loggerFactory">Creates the <c>StreamGen.Kafka</c> logger.</param>
    /// <exception cref="KafkaNativeLibraryException">As <see cref="EnsureLoaded()"/>.</exception>
    public static KafkaNativeLibraryInfo EnsureLoaded(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var info = EnsureLoaded();
        lock (Gate)
        {
            if (_logged)
            {
                return info;
            }

            _logged = true;
        }

        loggerFactory.CreateLogger("StreamGen.Kafka").LogInformation(
            "Kafka clients use librdkafka {Version} from {Path} ({Origin})", info.VersionString, info.Path ?? "an unknown file", info.Origin);
        return info;
    }

    private static KafkaNativeLibraryInfo Load()
    {
        var overridePath = Environment.GetEnvironmentVariable(PathVariable);
        if (Library.IsLoaded)
        {
            // A client was created before StreamGen could choose: keep what Confluent.Kafka bound, if new enough.
            return Checked(MappedLibraryPath(), "loaded by Confluent.Kafka before StreamGen chose one");
        }

        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            if (!File.Exists(overridePath))
            {
                throw new KafkaNativeLibraryException(
                    $"{PathVariable} names {overridePath}, which does not exist. Point it at a librdkafka {MinimumVersion} or later, " +
                    $"or unset it to use {(UsesBundledBuild ? FileName + " from the StreamGen.Kafka.Native package" : "Confluent.Kafka's librdkafka.redist")}.");
            }

            return LoadFrom(Path.GetFullPath(overridePath), $"set by {PathVariable}");
        }

        if (UsesBundledBuild)
        {
            var bundled = FindBundledBuild(out var searched);
            if (bundled is null)
            {
                throw new KafkaNativeLibraryException(
                    $"{FileName} (librdkafka for Linux x64) is not next to the application; searched {string.Join(", ", searched)}. " +
                    "It comes with the StreamGen.Kafka.Native package, a dependency of StreamGen.Kafka: restore and publish the " +
                    $"application with it, or set {PathVariable} to a librdkafka {MinimumVersion} or later.");
            }

            return LoadFrom(bundled, "StreamGen.Kafka.Native");
        }

        // Windows, macOS, Linux on other architectures or musl: Confluent.Kafka loads librdkafka.redist's build.
        try
        {
            _ = Library.Version;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException or FileLoadException)
        {
            throw new KafkaNativeLibraryException(
                $"Confluent.Kafka could not load librdkafka on {RuntimeInformation.RuntimeIdentifier}: {ex.Message} " +
                $"Install the librdkafka.redist package's native files for this platform, or set {PathVariable} to a librdkafka {MinimumVersion} or later.",
                ex);
        }

        return Checked(MappedLibraryPath(), "Confluent.Kafka's librdkafka.redist");
    }

    private static KafkaNativeLibraryInfo LoadFrom(string path, string origin)
    {
        RouteConfluentImports(path);
        try
        {
            // The runtime's loader reports the system's reason (a missing dependency, a wrong architecture);
            // Confluent.Kafka's own message leaves it out.
            NativeLibrary.Load(path);
            Library.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException or FileLoadException)
        {
            throw new KafkaNativeLibraryException(
                $"Could not load librdkafka from {path} ({origin}): {ex.Message} " +
                (origin == "StreamGen.Kafka.Native"
                    ? $"The file needs glibc 2.34 or later (Debian 12, Ubuntu 22.04, RHEL 9); elsewhere set {PathVariable} to a librdkafka {MinimumVersion} or later built for the system."
                    : $"Point {PathVariable} at a librdkafka {MinimumVersion} or later built for this system, or unset it."),
                ex);
        }

        return Checked(path, origin);
    }

    private static KafkaNativeLibraryInfo Checked(string? path, string origin)
    {
        var raw = Library.Version;
        var version = new Version((raw >> 24) & 0xff, (raw >> 16) & 0xff, (raw >> 8) & 0xff);
        if (version < MinimumVersion)
        {
            throw new KafkaNativeLibraryException(
                $"librdkafka {Library.VersionString} from {path ?? "an unknown file"} ({origin}) is older than {MinimumVersion}, the release " +
                $"Confluent.Kafka {typeof(Library).Assembly.GetName().Version?.ToString(3)} needs; its clients would fail on the first missing " +
                $"function. {(UsesBundledBuild ? $"Remove {PathVariable} to use {FileName}, or point it at" : $"Set {PathVariable} to")} a librdkafka " +
                $"{MinimumVersion} or later, and create no Kafka client before StreamGen loads it (call {nameof(KafkaNativeLibrary)}.{nameof(EnsureLoaded)} first).");
        }

        return new KafkaNativeLibraryInfo(path, Library.VersionString, version, origin);
    }

    /// <summary>
    /// <c>Library.Load</c> alone does not bind Confluent.Kafka 2.15 to a file on Linux: it opens the file through
    /// P/Invokes to <c>libdl</c> (glibc 2.34 and later ship only <c>libdl.so.2</c>; <c>libdl.so</c> comes with
    /// libc6-dev), then binds its <c>librdkafka</c> P/Invokes by the default search, which finds the registry's
    /// file next to the application, or nothing. Routing both names makes them resolve to the chosen file.
    /// </summary>
    private static void RouteConfluentImports(string path)
    {
        _chosenPath = path;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, ResolveConfluentImport);
        }
        catch (InvalidOperationException)
        {
            // The application (or a later Confluent.Kafka) set a resolver already: Library.Load relies on it.
        }
    }

    private static nint ResolveConfluentImport(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        "librdkafka" when _chosenPath is not null => NativeLibrary.Load(_chosenPath),
        "libdl" when OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", out var handle) => handle,
        _ => 0,
    };

    /// <summary>Linux x64 with glibc: where the registry's build does not load and ours does.</summary>
    private static bool UsesBundledBuild =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 &&
        !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

    /// <summary>
    /// The package's file in the directories the host resolved native assets to (<c>runtimes/linux-x64/native</c>
    /// of a framework-dependent app, the app directory of a published one), then the application's own directory.
    /// </summary>
    private static string? FindBundledBuild(out List<string> searched)
    {
        searched = [];
        var directories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(AppContext.BaseDirectory)
            .Append(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        foreach (var directory in directories)
        {
            var candidate = Path.GetFullPath(Path.Combine(directory, FileName));
            if (searched.Contains(candidate))
            {
                continue;
            }

            searched.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The librdkafka client file the process has mapped, when it was not loaded by path (Linux only).</summary>
    private static string? MappedLibraryPath()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : "")
            .FirstOrDefault(path => Path.GetFileName(path) is var name
                && name.Contains("rdkafka", StringComparison.Ordinal) && !name.Contains("rdkafka-mock", StringComparison.Ordinal));
    }
}
