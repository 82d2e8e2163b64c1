using Microsoft.CodeAnalysis.Testing;
using StreamGen.Analyzers.CodeFixes;
using StreamGen.Analyzers.Tests.Infrastructure;
using StreamGen.Tests.Roslyn;
using Fix = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.UndeclaredMutableFieldAnalyzer, StreamGen.Analyzers.CodeFixes.AddStateOrTransientCodeFixProvider>;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.UndeclaredMutableFieldAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>
/// The test setup must fail on a diagnostic of another rule, a wrong message argument, an expectation that states no
/// message, code that does not compile and a wrong or unwanted fix — or the rule tests prove less than they say.
/// </summary>
public sealed class InfrastructureTests
{
    private const string Operator = """
        using StreamGen;

        [StreamOperator]
        public partial class Op : Processor<string, string>
        {
            private int _count;

            public override void Process(string value, Context<string> context) { }
        }
        """;

    private static readonly DiagnosticResult CountIsUndeclared =
        Verify.Diagnostic("SG0002").WithLocation(0).WithArguments("Op", "_count", "int");

    [Fact]
    public Task ExactExpectationPasses() =>
        Verify.VerifyAsync(Operator.Replace("_count;", "{|#0:_count|};"), CountIsUndeclared);

    [Fact]
    public async Task DiagnosticOfARuleOtherThanTheOneUnderTestFails()
    {
        // The analyzer under test is SG0001's; SG0002 comes from another analyzer and must still be caught.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<StateTypeAnalyzer>.VerifyAsync(Operator));
        Assert.Contains("SG0002", error.Message);
    }

    [Fact]
    public async Task WrongMessageArgumentFails()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAsync(
            Operator.Replace("_count;", "{|#0:_count|};"),
            Verify.Diagnostic("SG0002").WithLocation(0).WithArguments("Op", "_count", "long")));
        Assert.Contains("(type 'int')", error.Message);
    }

    [Fact]
    public async Task ExpectationWithoutMessageArgumentsIsRejected()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Verify.VerifyAsync(
            Operator.Replace("_count;", "{|#0:_count|};"),
            Verify.Diagnostic("SG0002").WithLocation(0)));
        Assert.Contains("without message arguments", error.Message);
    }

    [Fact]
    public async Task IdOnlyMarkupIsRejectedInAnalyzerTests()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Verify.VerifyAsync(Operator.Replace("_count;", "{|SG0002:_count|};")));
        Assert.Contains("WithArguments", error.Message);
    }

    [Fact]
    public async Task MisplacedDiagnosticFails()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAsync(
            Operator.Replace("private int _count;", "{|#0:private int _count;|}"),
            CountIsUndeclared));
        Assert.Contains("SG0002", error.Message);
    }

    [Fact]
    public async Task SourceThatDoesNotCompileFails()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Verify.VerifyAsync("class C { int M() => \"\"; }"));
        Assert.Contains("CS0029", error.Message);
    }

    [Fact]
    public async Task FixOtherThanTheExpectedOneFails()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Fix.VerifyFixAsync(
            Operator.Replace("_count;", "{|SG0002:_count|};"),
            Operator.Replace("private int _count;", "[State] private int _count;"),
            AddStateOrTransientCodeFixProvider.AddTransientKey));
        Assert.Contains("+    [Transient] private int _count;", error.Message);
    }

    [Fact]
    public async Task OfferedFixFailsANoFixExpectation()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Fix.VerifyNoFixAsync(Operator.Replace("_count;", "{|SG0002:_count|};")));
        Assert.Contains("+    [State] private int _count;", error.Message);
    }

    [Fact]
    public void CompilationsReferenceTheTargetingPackStreamGenAndItsDependencies()
    {
        var files = TargetingPack.References.Select(r => r.Display!).ToList();
        var runtime = Assert.Single(files, f => Path.GetFileName(f) == "System.Runtime.dll");
        Assert.Equal("ref", Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(runtime))));
        Assert.Contains(typeof(StreamOperator).Assembly.Location, files);
        Assert.Contains(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location, files);
        Assert.Single(files, f => Path.GetFileName(f) == "System.Collections.dll");
    }
}
