using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every StreamGen analyzer over a marked-up source and asserts that exactly the marked diagnostics are
/// reported — same ID, same span — and nothing else.
/// </summary>
public static class AnalyzerVerifier
{
    /// <summary>Verifies <paramref name="markup"/>; see <see cref="TestMarkup"/> for the marker syntax.</summary>
    /// <param name="markup">The source with expected diagnostics marked inline.</param>
    /// <param name="defaultId">The ID <c>[|…|]</c> markers stand for.</param>
    /// <param name="allowCompilerErrors">For rules about code that C# itself rejects too.</param>
    /// <param name="executable">Compiles a program (top-level statements) instead of a library.</param>
    /// <param name="generatedSource">Generated code to compile alongside; it must never get a diagnostic.</param>
    public static async Task VerifyAsync(string markup, string? defaultId = null, bool allowCompilerErrors = false, bool executable = false, string? generatedSource = null)
    {
        var (source, expected) = TestMarkup.Parse(markup, defaultId);
        var compilation = TestCompilation.Create(source, executable, generatedSource);
        if (!allowCompilerErrors)
        {
            AssertNoCompilerErrors(compilation);
        }

        var actual = await GetAnalyzerDiagnosticsAsync(compilation);
        AssertDiagnostics(source, expected, actual);
    }

    /// <summary>Runs all analyzers; an analyzer exception fails the test instead of becoming an AD0001 warning.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue(new InvalidOperationException($"{analyzer.GetType().Name} threw.", exception)),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(TestCompilation.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        if (!exceptions.IsEmpty)
        {
            throw new AggregateException(exceptions);
        }

        foreach (var diagnostic in diagnostics)
        {
            // Formats the message: a descriptor whose placeholders do not match its arguments throws here.
            _ = diagnostic.GetMessage();
        }

        return diagnostics;
    }

    /// <summary>Fails with the compiler's errors, so a test never checks code a user could not have written.</summary>
    public static void AssertNoCompilerErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new XunitException("The test source does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }

    private static void AssertDiagnostics(string source, IReadOnlyList<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual)
    {
        var actualSorted = actual
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var matches = actualSorted.Count == expected.Count
            && actualSorted.Zip(expected).All(pair =>
                pair.First.Id == pair.Second.Id
                && pair.First.Location.IsInSource
                && pair.First.Location.SourceTree!.FilePath == "Test0.cs"
                && pair.First.Location.SourceSpan == pair.Second.Span);
        if (matches)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine("Expected:");
        foreach (var e in expected)
        {
            message.AppendLine($"  {e.Id} at {Describe(source, e.Span.Start)} on '{source.Substring(e.Span.Start, e.Span.Length)}'");
        }

        message.AppendLine("Actual:");
        foreach (var d in actualSorted)
        {
            var span = d.Location.SourceSpan;
            var text = d.Location.SourceTree?.FilePath == "Test0.cs" ? source.Substring(span.Start, span.Length) : d.Location.ToString();
            message.AppendLine($"  {d.Id} at {Describe(source, span.Start)} on '{text}': {d.GetMessage()}");
        }

        throw new XunitException(message.ToString());
    }

    private static string Describe(string source, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return $"({line},{column})";
    }
}
