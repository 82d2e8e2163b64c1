using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// How the analyzer and code-fix tests compile a source: as a user project that references the StreamGen package —
/// the SDK's targeting pack, the real StreamGen.dll, the SDK's implicit usings, nullable on, the latest C# — with every
/// StreamGen analyzer running, so a test also proves that no other rule fires. The source generator does not run:
/// operators simply have no generated part.
/// </summary>
internal static class StreamGenTestProject
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

    /// <summary>File name of the implicit usings document; it never holds expectations.</summary>
    public const string ImplicitUsingsFileName = "GlobalUsings.g.cs";

    /// <summary>Every analyzer shipped in StreamGen.Analyzers.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(DiagnosticIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>An expected diagnostic of any StreamGen rule, with the descriptor's severity and message format.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new(AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)
            ?? throw new ArgumentException($"No StreamGen analyzer reports '{id}'.", nameof(id)));

    /// <summary>Runs <paramref name="analyzer"/> (the rule under test) first, then every other StreamGen analyzer.</summary>
    public static IEnumerable<DiagnosticAnalyzer> AnalyzersWith(DiagnosticAnalyzer analyzer) =>
        AllAnalyzers.Where(a => a.GetType() != analyzer.GetType()).Prepend(analyzer);

    /// <summary>The targeting pack and StreamGen.dll, and the implicit usings after the test's own sources.</summary>
    public static void Configure(ProjectState test, ProjectState? @fixed = null)
    {
        test.AdditionalReferences.AddRange(TargetingPack.References);
        test.Sources.Add((ImplicitUsingsFileName, ImplicitUsings));
        if (@fixed is { Sources.Count: > 0 })
        {
            @fixed.Sources.Add((ImplicitUsingsFileName, ImplicitUsings));
        }
    }

    /// <summary>A library with nullable reference types on (unsafe code allowed, as the library's default has it).</summary>
    public static CompilationOptions CompilationOptions(CompilationOptions defaults) =>
        ((CSharpCompilationOptions)defaults).WithNullableContextOptions(NullableContextOptions.Enable);

    /// <summary>The latest C# version, as a current SDK project has.</summary>
    public static ParseOptions ParseOptions(ParseOptions defaults) =>
        ((CSharpParseOptions)defaults).WithLanguageVersion(LanguageVersion.Latest);
}
