using Microsoft.CodeAnalysis;
using StreamGen.Generators.Tests.Infrastructure;

namespace StreamGen.Generators.Tests;

/// <summary>
/// SG0100: members that hold data the generated serializer can neither write nor restore are reported at compile
/// time, never dropped silently; reachable ones and [Transient] ones are not.
/// </summary>
public sealed class GeneratorDiagnosticTests
{
    private const string Operator = """
        [StreamOperator]
        public partial class Op : Processor<int, int>
        {
            [State] public Holder Holder = new();

            public override void Process(int value, Context<int> context) { }
        }
        """;

    [Fact]
    public void A_private_field_of_a_type_without_encoding_is_reported_with_type_member_and_reason()
    {
        var diagnostic = Assert.Single(Diagnostics("""
            public sealed class Holder
            {
                private readonly System.IO.MemoryStream _buffer = new();
                public int Count { get; set; }
            }
            """));

        Assert.Equal("SG0100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "Member '_buffer' of 'Holder' is not written by the generated serializer and would be lost on restore: its type 'System.IO.MemoryStream' cannot be serialized",
            diagnostic.GetMessage());
        Assert.Equal("_buffer", ReportedText(diagnostic));
    }

    [Fact]
    public void A_private_field_of_a_closed_generic_type_is_reported()
    {
        var diagnostic = Assert.Single(Diagnostics("""
            public sealed class Box<T>
            {
                private T _value = default!;
                public T Value => _value;
            }

            public sealed class Holder
            {
                public Box<int> Box { get; set; } = new();
            }
            """));

        Assert.Equal("SG0100", diagnostic.Id);
        Assert.Contains("Member '_value' of 'Box<int>'", diagnostic.GetMessage());
        Assert.Contains("closed generic type", diagnostic.GetMessage());
    }

    [Fact]
    public void Reachable_private_data_computed_getters_and_transient_members_are_not_reported()
    {
        Assert.Empty(Diagnostics("""
            public sealed class Holder
            {
                private decimal _balance;
                [Transient] private System.IO.Stream? _log;
                public decimal Balance => _balance;
                public string Name { get; private set; } = "";
                public int[] Values { get; } = new int[3];
                public System.IO.Stream? Log => _log;
            }
            """));
    }

    [Fact]
    public void A_type_reached_from_several_operators_is_reported_once()
    {
        var diagnostics = Diagnostics("""
            public sealed class Holder
            {
                private System.Action? _callback;
            }

            [StreamOperator]
            public partial class Other : Processor<int, int>
            {
                [State] public Holder Holder = new();

                public override void Process(int value, Context<int> context) { }
            }
            """);

        Assert.Equal("_callback", ReportedText(Assert.Single(diagnostics)));
    }

    [Fact]
    public void A_payload_member_of_a_type_without_encoding_is_reported_even_when_public()
    {
        var compilation = GeneratorHarness.CreateCompilation("""
            using StreamGen;

            [MessagePackSerializable]
            public sealed class Message
            {
                public int Id { get; set; }
                public System.Uri? Link { get; set; }
            }
            """);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SG0100", diagnostic.Id);
        Assert.Contains("Member 'Link' of 'Message'", diagnostic.GetMessage());
    }

    private static string Source(string types) => "using StreamGen;\n\n" + Operator + "\n\n" + types;

    // The generator reports plain-data locations (file, span), so the text is looked up in the source it compiled.
    private string ReportedText(Diagnostic diagnostic)
    {
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        return _source!.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
    }

    // xUnit makes an instance per test, so this is the source of the test's own run.
    private string? _source;

    private Diagnostic[] Diagnostics(string types)
    {
        _source = Source(types);
        var compilation = GeneratorHarness.CreateCompilation(_source);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        // Whatever is reported, the generated code compiles.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return diagnostics.ToArray();
    }
}
