using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>Shorthands for <see cref="StreamGenCodeFixTest{TAnalyzer, TCodeFix}"/>.</summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Verifies the diagnostics marked in <paramref name="source"/>, applies the fix <paramref name="equivalenceKey"/> to
    /// them (one by one and as Fix All) and asserts the result is <paramref name="fixedSource"/>.
    /// </summary>
    public static Task VerifyFixAsync(string source, string fixedSource, string equivalenceKey) =>
        new StreamGenCodeFixTest<TAnalyzer, TCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        }.RunAsync();

    /// <summary>Verifies the diagnostics marked in <paramref name="source"/> and that no fix is offered for them.</summary>
    public static Task VerifyNoFixAsync(string source) =>
        new StreamGenCodeFixTest<TAnalyzer, TCodeFix>
        {
            TestCode = source,
            FixedCode = source,
        }.RunAsync();
}
