using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>Shorthands for <see cref="StreamGenAnalyzerTest{TAnalyzer}"/>.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of StreamGen rule <paramref name="id"/>.</summary>
    public static DiagnosticResult Diagnostic(string id) => StreamGenTestProject.Diagnostic(id);

    /// <summary>Verifies that <paramref name="source"/> compiles and gets exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new StreamGenAnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
