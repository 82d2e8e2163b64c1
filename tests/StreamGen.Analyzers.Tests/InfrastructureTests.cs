using StreamGen.Analyzers.Tests.Infrastructure;
using Xunit.Sdk;

namespace StreamGen.Analyzers.Tests;

/// <summary>The helpers must fail on a missing, an extra or a misplaced diagnostic, or the rule tests prove nothing.</summary>
public sealed class InfrastructureTests
{
    private const string Operator = """
        using StreamGen;

        [StreamOperator]
        public partial class Op : Processor<string, string>
        {
            private int _count;
            private readonly int _fixed = 1;

            public override void Process(string value, Context<string> context) { }
        }
        """;

    [Fact]
    public void MarkupIsRemovedAndSpansRecorded()
    {
        var (source, expected) = TestMarkup.Parse("a {|SG0001:bc|} [|d|]", "SG0002");
        Assert.Equal("a bc d", source);
        Assert.Equal(new[] { new ExpectedDiagnostic("SG0001", new(2, 2)), new ExpectedDiagnostic("SG0002", new(5, 1)) }, expected);
    }

    [Fact]
    public Task UnexpectedDiagnosticFails() =>
        Assert.ThrowsAsync<XunitException>(() => AnalyzerVerifier.VerifyAsync(Operator));

    [Fact]
    public Task MissingDiagnosticFails() =>
        Assert.ThrowsAsync<XunitException>(() => AnalyzerVerifier.VerifyAsync(
            Operator.Replace("private int _count;", "private int {|SG0002:_count|};").Replace("_fixed", "{|SG0002:_fixed|}")));

    [Fact]
    public Task MisplacedDiagnosticFails() =>
        Assert.ThrowsAsync<XunitException>(() => AnalyzerVerifier.VerifyAsync(Operator.Replace("private int _count;", "{|SG0002:private int _count;|}")));

    [Fact]
    public Task WrongIdFails() =>
        Assert.ThrowsAsync<XunitException>(() => AnalyzerVerifier.VerifyAsync(Operator.Replace("_count;", "{|SG0003:_count|};")));

    [Fact]
    public Task ExactExpectationPasses() =>
        AnalyzerVerifier.VerifyAsync(Operator.Replace("_count;", "{|SG0002:_count|};"));

    [Fact]
    public Task SourceThatDoesNotCompileFails() =>
        Assert.ThrowsAsync<XunitException>(() => AnalyzerVerifier.VerifyAsync("class C { int M() => \"\"; }"));

    [Fact]
    public Task WrongFixOutputFails() =>
        Assert.ThrowsAsync<EqualException>(() => CodeFixVerifier.VerifyFixAsync(
            Operator.Replace("_count;", "{|SG0002:_count|};"),
            Operator,
            StreamGen.Analyzers.CodeFixes.AddStateOrTransientCodeFixProvider.AddStateKey));
}
