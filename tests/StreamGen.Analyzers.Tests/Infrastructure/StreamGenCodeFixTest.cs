using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// A code-fix test of <typeparamref name="TCodeFix"/> for the rule <typeparamref name="TAnalyzer"/> reports, in a project
/// set up by <see cref="StreamGenTestProject"/>: the before source must have exactly its marked diagnostics (of any
/// StreamGen rule), the fixed source none, and both must compile.
/// </summary>
public sealed class StreamGenCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Uses the SDK's targeting pack instead of downloading reference assemblies (see <see cref="TargetingPack"/>).</summary>
    public StreamGenCodeFixTest() => ReferenceAssemblies = TargetingPack.ReferenceAssemblies;

    /// <inheritdoc />
    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        StreamGenTestProject.Configure(TestState, FixedState);
        return base.RunImplAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => StreamGenTestProject.AnalyzersWith(new TAnalyzer());

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() => StreamGenTestProject.CompilationOptions(base.CreateCompilationOptions());

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() => StreamGenTestProject.ParseOptions(base.CreateParseOptions());
}
