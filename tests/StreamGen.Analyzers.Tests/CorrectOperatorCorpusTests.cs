// Every StreamGen analyzer runs whichever is named here, so "no diagnostic" covers all rules.
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.StateTypeAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>
/// Operators written as users write them — keyed and not, every supported state type, nested records,
/// [Transient] caches and clients, readonly fields, constants, static readonly immutable fields — must get
/// no diagnostic at all. The files live in Corpus/Correct so they read as ordinary source.
/// </summary>
public sealed class CorrectOperatorCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "Correct"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public Task CorrectOperatorsGetNoDiagnostics(string file) =>
        Verify.VerifyAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "Correct", file)));

    [Fact]
    public void CorpusIsNotEmpty() => Assert.True(Files().Count >= 4);
}
