using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StreamGen.Analyzers.Tests.Infrastructure;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Analyzers.Tests;

/// <summary>
/// Users copy the examples of docs/diagnostics, so they must be true: in each page's first C# example every
/// line marked <c>// SGxxxx</c> gets that diagnostic and nothing else is reported; the "Fixed" example gets
/// no diagnostic at all. Both must compile.
/// </summary>
public sealed partial class DocumentationExampleTests
{
    /// <summary>The record types the examples use without declaring them.</summary>
    private const string Prelude = """
        using StreamGen;

        public sealed record Event(Guid Id, string Payload);
        public sealed record Click(string User, DateTime At);
        public sealed record Sale(string Sku, decimal Amount);
        public sealed record Session(string User, int Clicks);

        """;

    public static TheoryData<string> Pages()
    {
        // Pages of the analyzers' rules; the generator's own diagnostics (SG01xx) are checked by the generator tests.
        var analyzerIds = StreamGenTestProject.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var data = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(DocsDirectory, "SG*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            if (analyzerIds.Contains(id))
            {
                data.Add(id);
            }
        }

        Assert.NotEmpty(data);

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ExamplesShowExactlyTheirDiagnostics(string id)
    {
        var blocks = CSharpBlock().Matches(File.ReadAllText(Path.Combine(DocsDirectory, id + ".md")))
            .Select(m => m.Groups[1].Value)
            .Where(b => b.Contains("class ", StringComparison.Ordinal))
            .ToList();
        if (id == DiagnosticIds.DuplicateOperatorId)
        {
            // Its examples are job graphs of the hosting API, which the analyzer tests do not reference.
            Assert.Empty(blocks);
            return;
        }

        Assert.Equal(2, blocks.Count);
        var wrong = await DiagnosticsByLine(blocks[0]);
        var expected = blocks[0].Split('\n')
            .Select((line, index) => (Line: index, Match: ExpectedMarker().Match(line)))
            .Where(x => x.Match.Success)
            .Select(x => $"{x.Match.Groups[1].Value}@{x.Line}")
            .ToList();
        Assert.Contains(expected, e => e.StartsWith(id, StringComparison.Ordinal));
        Assert.Equal(expected.Order(), wrong.Order());

        Assert.Empty(await DiagnosticsByLine(blocks[1]));
    }

    /// <summary>
    /// The docs mark lines, not spans, and the testing library has no line-only expectation, so this compiles the
    /// example itself (with the same references and implicit usings as the analyzer tests) and compares by line.
    /// </summary>
    private static async Task<List<string>> DiagnosticsByLine(string example)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "DocumentationExample",
            [
                CSharpSyntaxTree.ParseText(Prelude + example, parseOptions, "Example.cs"),
                CSharpSyntaxTree.ParseText(StreamGenTestProject.ImplicitUsings, parseOptions, StreamGenTestProject.ImplicitUsingsFileName),
            ],
            TargetingPack.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // An analyzer that throws reports AD0001, which fails the comparison like any unexpected diagnostic.
        var diagnostics = await compilation.WithAnalyzers(StreamGenTestProject.AllAnalyzers).GetAnalyzerDiagnosticsAsync();
        var preludeLines = Prelude.Split('\n').Length - 1;
        return diagnostics
            .Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line - preludeLines}")
            .ToList();
    }

    private static string DocsDirectory => Path.Combine(AppContext.BaseDirectory, "RepositoryFiles", "docs", "diagnostics");

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"//\s*(SG\d{4})")]
    private static partial Regex ExpectedMarker();
}
