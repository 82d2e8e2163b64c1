using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// An analyzer test of the rule <typeparamref name="TAnalyzer"/> reports, in a project set up by
/// <see cref="StreamGenTestProject"/>: the other StreamGen analyzers run too, so an unexpected diagnostic of any rule
/// fails the test. Every expected StreamGen diagnostic must state its message arguments (<c>{|#0:…|}</c> markup with
/// <c>.WithLocation(0).WithArguments(…)</c>, not <c>{|SG0001:…|}</c>), so a message that loses an argument fails too.
/// </summary>
public sealed partial class StreamGenAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Uses the SDK's targeting pack instead of downloading reference assemblies (see <see cref="TargetingPack"/>).</summary>
    public StreamGenAnalyzerTest() => ReferenceAssemblies = TargetingPack.ReferenceAssemblies;

    /// <inheritdoc />
    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        RequireMessages();
        StreamGenTestProject.Configure(TestState);
        return base.RunImplAsync(cancellationToken);
    }

    private void RequireMessages()
    {
        var unstated = TestState.ExpectedDiagnostics
            .Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal) && d.MessageArguments is not { Length: > 0 })
            .Select(d => d.Id)
            .ToList();
        if (unstated.Count > 0)
        {
            throw new InvalidOperationException($"Expected {string.Join(", ", unstated)} without message arguments: state them with WithArguments, or a diagnostic that loses one would pass.");
        }

        if (TestState.Sources.Any(source => IdOnlyMarkup().IsMatch(source.content.ToString())))
        {
            throw new InvalidOperationException("'{|SGxxxx:…|}' markup checks the ID and span only: mark the span '{|#n:…|}' and expect Diagnostic(id).WithLocation(n).WithArguments(…).");
        }
    }

    [GeneratedRegex(@"\{\|SG\d{4}:")]
    private static partial Regex IdOnlyMarkup();

    /// <inheritdoc />
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => StreamGenTestProject.AnalyzersWith(new TAnalyzer());

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() => StreamGenTestProject.CompilationOptions(base.CreateCompilationOptions());

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() => StreamGenTestProject.ParseOptions(base.CreateParseOptions());
}
