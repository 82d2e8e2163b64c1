using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StreamGen.Analyzers.Tests;

/// <summary>The catalogue, the analyzers, the release-tracking file and the docs must agree.</summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    [Fact]
    public void IdsAreUniqueSequentialAndPrefixed()
    {
        var ids = Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"SG{i:D4}"), ids);
    }

    [Fact]
    public void EveryDescriptorIsReportedByExactlyOneAnalyzer()
    {
        var supported = Infrastructure.StreamGenTestProject.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(Descriptors.Select(d => d.Id).OrderBy(x => x), supported.OrderBy(x => x));
    }

    [Fact]
    public void EveryDescriptorIsCompleteAndLinksToItsPage()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), descriptor.Id);
            Assert.StartsWith("StreamGen.", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void EveryRuleHasADocumentationPageWithTheRequiredSections()
    {
        var docs = Path.Combine(FindRepositoryRoot(), "docs", "diagnostics");
        foreach (var descriptor in Descriptors)
        {
            var page = Path.Combine(docs, descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}: ", text);
            foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Example" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), $"{descriptor.Id}.md has no '{section}' section");
            }
        }

        var index = File.ReadAllText(Path.Combine(docs, "README.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains($"[{descriptor.Id}]({descriptor.Id}.md)", index);
        }
    }

    [Fact]
    public void ReleaseTrackingListsEveryRuleWithItsCategoryAndSeverity()
    {
        var unshipped = File.ReadAllText(Path.Combine(FindRepositoryRoot(), "analyzers", "StreamGen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped);
        }
    }

    /// <summary>The project copies the docs and release notes next to the tests (see the .csproj).</summary>
    private static string FindRepositoryRoot() => Path.Combine(AppContext.BaseDirectory, "RepositoryFiles");
}
