using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace StreamGen.Tests.Roslyn;

/// <summary>
/// What the tests' compilations reference: the .NET targeting pack that ships with the SDK
/// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.&lt;minor&gt;</c>), the real StreamGen.dll and its package
/// dependencies, so test sources see the attributes and operator bases a user project sees.
/// </summary>
/// <remarks>
/// Microsoft.CodeAnalysis.Testing fetches reference assemblies from NuGet by default. Its 1.1.4 presets pin
/// Microsoft.NETCore.App.Ref versions the registry this repository builds from does not serve:
/// <c>ReferenceAssemblies.Net.Net90</c> (9.0.0) and <c>.Net100</c> (10.0.1) both fail with
/// "The given key 'Microsoft.NETCore.App.Ref.10.0.1' was not present in the dictionary". A served patch version named
/// explicitly does download, but then every test run needs the registry, breaks when that patch stops being served, and
/// compiles against another patch than the SDK does. The SDK's own pack is on every machine that can build this
/// repository, needs no network and is what <c>dotnet build</c> compiles a user project against, so tests use
/// <see cref="ReferenceAssemblies"/> (which resolves nothing) and add the pack as additional references.
/// </remarks>
internal static class TargetingPack
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(Load);

    /// <summary>The target framework of the running tests, e.g. <c>net10.0</c>.</summary>
    public static string TargetFramework { get; } = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>
    /// An empty reference set for <c>AnalyzerTest.ReferenceAssemblies</c>: it names the framework but downloads
    /// nothing; <see cref="References"/> supply the assemblies.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new(TargetFramework);

    /// <summary>The targeting pack's reference assemblies, StreamGen.dll and StreamGen's package dependencies.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var pack = Directory.GetFiles(FindPackDirectory(), "*.dll").Order(StringComparer.Ordinal).ToList();
        var frameworkAssemblies = pack.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // A user project gets StreamGen's package dependencies transitively (the logging abstractions, and whatever
        // generated code calls into), so the tests' compilations reference them too; framework ones come from the pack.
        var streamGen = typeof(StreamOperator).Assembly;
        var dependencies = streamGen.GetReferencedAssemblies()
            .Where(name => !frameworkAssemblies.Contains(name.Name!))
            .Select(name => Assembly.Load(name).Location)
            .Order(StringComparer.Ordinal);
        return pack
            .Append(streamGen.Location)
            .Concat(dependencies)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    /// <summary>The pack of the running runtime's version, else the newest pack for this framework.</summary>
    private static string FindPackDirectory()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var runtimeVersion = Path.GetFileName(runtimeDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var exact = Path.Combine(packs, runtimeVersion, "ref", TargetFramework);
        if (Directory.Exists(exact))
        {
            return exact;
        }

        var newest = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(d => (Directory: Path.Combine(d, "ref", TargetFramework), Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(x => x.Version is not null && Directory.Exists(x.Directory))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Directory)
                .FirstOrDefault()
            : null;
        return newest ?? throw new DirectoryNotFoundException(
            $"No {TargetFramework} targeting pack under '{packs}'. The Roslyn tests compile against the .NET SDK's Microsoft.NETCore.App.Ref pack: run them with the .NET SDK installed (dotnet test), not with the runtime alone.");
    }
}
