using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.CodeFixes;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles test sources the way a user project that references the StreamGen package is compiled: against
/// the .NET reference assemblies of the running framework, the real StreamGen.dll, the SDK's implicit
/// usings, and every StreamGen analyzer — but without the source generator, so operators simply have no
/// generated part.
/// </summary>
public static class TestCompilation
{
    /// <summary>The global usings a <c>Microsoft.NET.Sdk</c> project with ImplicitUsings gets.</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>File name of the implicit usings document; never holds expectations.</summary>
    public const string ImplicitUsingsFileName = "GlobalUsings.g.cs";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>Reference assemblies plus StreamGen.dll.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Every analyzer shipped in StreamGen.Analyzers, so a test also proves no other rule fires.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(DiagnosticIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every code fix provider shipped in StreamGen.Analyzers.CodeFixes.</summary>
    public static ImmutableArray<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider> AllCodeFixes { get; } = typeof(MakePartialCodeFixProvider).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
        .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Parse options of a current C# project.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Compilation options of a library with nullable reference types on.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    /// <summary>Creates the compilation of <paramref name="source"/> (as <c>Test0.cs</c>) plus the implicit usings.</summary>
    /// <param name="source">The test source.</param>
    /// <param name="executable">Compiles a program (needed for top-level statements) instead of a library.</param>
    /// <param name="generatedSource">A source generator's output to add, as <c>Operator.g.cs</c>.</param>
    public static CSharpCompilation Create(string source, bool executable = false, string? generatedSource = null) =>
        CSharpCompilation.Create(
            "TestProject",
            new[]
            {
                CSharpSyntaxTree.ParseText(source, ParseOptions, "Test0.cs"),
                CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, ImplicitUsingsFileName),
            }.Concat(generatedSource is null ? [] : [CSharpSyntaxTree.ParseText(generatedSource, ParseOptions, "Operator.g.cs")]),
            References,
            executable ? CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication) : CompilationOptions);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = FindReferenceAssemblies().ToList();
        paths.Add(typeof(StreamOperator).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    /// <summary>
    /// The targeting pack of the running runtime (packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/netX.Y), which is
    /// what the SDK compiles user projects against; the runtime's own assemblies when no pack is installed.
    /// </summary>
    private static IEnumerable<string> FindReferenceAssemblies()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(runtimeDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var candidates = new[] { Path.Combine(packs, version, "ref", tfm) }
            .Concat(Directory.Exists(packs)
                ? Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "ref", tfm))
                : Enumerable.Empty<string>());
        foreach (var directory in candidates)
        {
            if (Directory.Exists(directory))
            {
                return Directory.GetFiles(directory, "*.dll");
            }
        }

        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator).Where(p => Path.GetDirectoryName(p) == runtimeDirectory);
    }
}
