using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix to the diagnostic marked in a source, in an <see cref="AdhocWorkspace"/> as an IDE would
/// (including the simplifier and formatter clean-up), and compares the result with the expected source.
/// </summary>
public static class CodeFixVerifier
{
    /// <summary>
    /// Verifies the diagnostics of <paramref name="markup"/> as <see cref="AnalyzerVerifier.VerifyAsync"/> does, then
    /// applies the fix with <paramref name="equivalenceKey"/> (or the only one offered) to the first marked
    /// diagnostic a provider can fix, and asserts the document equals <paramref name="expected"/> and compiles.
    /// </summary>
    public static async Task VerifyFixAsync(string markup, string expected, string? equivalenceKey = null, string? defaultId = null)
    {
        await AnalyzerVerifier.VerifyAsync(markup, defaultId);
        var (source, marked) = TestMarkup.Parse(markup, defaultId);

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: TestCompilation.CompilationOptions,
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: "Test0.cs")
            .AddDocument(DocumentId.CreateNewId(projectId), TestCompilation.ImplicitUsingsFileName, SourceText.From(TestCompilation.ImplicitUsings), filePath: TestCompilation.ImplicitUsingsFileName);
        var document = solution.GetDocument(documentId)!;

        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await AnalyzerVerifier.GetAnalyzerDiagnosticsAsync(compilation);
        var fixable = diagnostics
            .Where(d => marked.Any(m => m.Id == d.Id && m.Span == d.Location.SourceSpan))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => (Diagnostic: d, Providers: TestCompilation.AllCodeFixes.Where(p => p.FixableDiagnosticIds.Contains(d.Id)).ToList()))
            .FirstOrDefault(x => x.Providers.Count > 0);
        if (fixable.Diagnostic is null)
        {
            throw new XunitException("No marked diagnostic has a code fix provider.");
        }

        var actions = new List<CodeAction>();
        foreach (var provider in fixable.Providers)
        {
            var context = new CodeFixContext(document, fixable.Diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        var chosen = equivalenceKey is null ? actions : actions.Where(a => a.EquivalenceKey == equivalenceKey).ToList();
        if (chosen.Count != 1)
        {
            throw new XunitException(
                $"Expected one code fix{(equivalenceKey is null ? string.Empty : $" '{equivalenceKey}'")} for {fixable.Diagnostic.Id}, got: " +
                string.Join(", ", actions.Select(a => $"'{a.Title}' ({a.EquivalenceKey})")));
        }

        var operations = await chosen[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var changedDocument = changed.GetDocument(documentId)!;
        var actual = (await changedDocument.GetTextAsync()).ToString();
        Assert.Equal(Normalize(expected), Normalize(actual));
        AnalyzerVerifier.AssertNoCompilerErrors((await changedDocument.Project.GetCompilationAsync())!);
    }

    /// <summary>Asserts no code fix is offered for the marked diagnostics (the fix would not be mechanical).</summary>
    public static async Task VerifyNoFixAsync(string markup, string? defaultId = null)
    {
        await AnalyzerVerifier.VerifyAsync(markup, defaultId);
        var (source, _) = TestMarkup.Parse(markup, defaultId);
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("TestProject", "TestProject", LanguageNames.CSharp)
            .WithCompilationOptions(TestCompilation.CompilationOptions)
            .WithParseOptions(TestCompilation.ParseOptions)
            .WithMetadataReferences(TestCompilation.References)
            .AddDocument(TestCompilation.ImplicitUsingsFileName, TestCompilation.ImplicitUsings).Project;
        var document = project.AddDocument("Test0.cs", source, filePath: "Test0.cs");
        var diagnostics = await AnalyzerVerifier.GetAnalyzerDiagnosticsAsync((await document.Project.GetCompilationAsync())!);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var provider in TestCompilation.AllCodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }
        }

        Assert.Empty(actions.Select(a => a.Title));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
