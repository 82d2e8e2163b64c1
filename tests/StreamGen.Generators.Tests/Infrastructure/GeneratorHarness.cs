using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>
/// Drives the generator directly with <see cref="CSharpGeneratorDriver"/>, for what the testing library does not cover:
/// incrementality (the driver run twice, tracked steps compared), a generator's view of its own model, and rewriting
/// the expected files. Compiles as <see cref="StreamGenGeneratorTest"/> does (<see cref="TargetingPack"/>).
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CreateCompilation(NullableContextOptions.Enable, sources);

    public static CSharpCompilation CreateCompilation(NullableContextOptions nullable, params string[] sources)
        => CSharpCompilation.Create(
            "UserOperators",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            TargetingPack.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            new[] { new StreamGenGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and the compilation with the generated trees added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Warnings and errors of a compilation, as readable lines (empty when it is clean).</summary>
    public static string[] Problems(Compilation compilation)
        => compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
