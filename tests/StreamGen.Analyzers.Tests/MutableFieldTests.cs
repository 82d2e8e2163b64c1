using StreamGen.Analyzers.CodeFixes;
using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0002: mutable operator fields that are neither [State] nor [Transient].</summary>
public sealed class MutableFieldTests
{
    [Fact]
    public Task MutableFieldsAndSettableAutoPropertiesAreReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, string>
            {
                private long {|SG0002:_count|};
                private List<string> {|SG0002:_seen|} = new(), {|SG0002:_other|} = new();
                internal string {|SG0002:Label|} { get; private set; } = "";
                public int {|SG0002:Total|} { get; protected set; }

                public override void Process(string value, Context<string> context) => _count++;
            }
            """);

    [Fact]
    public Task DeclaredReadonlyConstAndComputedMembersAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                private const int Limit = 10;
                private static readonly string[] Separators = { " ", "," };
                private readonly Dictionary<string, int> _lookup = new();
                private readonly int _threshold;
                [State] private long _count;
                [State("total")] private long _sum;
                [Transient] private HttpClient? _client;
                [Transient] private Dictionary<string, string> _cache = new();
                public int Limit2 { get; init; }
                public int Threshold { get; set; }
                public int Twice => Limit * 2;
                public long Count { get => _count; set => _count = value; }
                public event EventHandler? Changed;

                public Op(int threshold) => _threshold = threshold;

                public override void Process(string value, Context<string> context)
                {
                    _count++;
                    _sum += value.Length;
                    Changed?.Invoke(this, EventArgs.Empty);
                }
            }

            public class NotAnOperator
            {
                private int _mutable;
                public int Get() => _mutable++;
            }
            """);

    [Fact]
    public Task AddStateFix() =>
        CodeFixVerifier.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                /// <summary>Records seen.</summary>
                private long {|SG0002:_count|};

                public override void Process(string value, Context<string> context) => _count++;
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                /// <summary>Records seen.</summary>
                [State] private long _count;

                public override void Process(string value, Context<string> context) => _count++;
            }
            """,
            AddStateOrTransientCodeFixProvider.AddStateKey);

    [Fact]
    public Task AddTransientFixOnAPropertyWithOtherAttributes() =>
        CodeFixVerifier.VerifyFixAsync(
            """
            using System.ComponentModel;
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [Description("cache")]
                public Dictionary<string, int> {|SG0002:Cache|} { get; private set; } = new();

                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using System.ComponentModel;
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [Description("cache")]
                [Transient] public Dictionary<string, int> Cache { get; private set; } = new();

                public override void Process(string value, Context<string> context) { }
            }
            """,
            AddStateOrTransientCodeFixProvider.AddTransientKey);

    [Fact]
    public Task AddStateFixAddsTheUsingWhenMissing() =>
        CodeFixVerifier.VerifyFixAsync(
            """
            namespace App;

            [StreamGen.StreamOperator]
            public partial class Op : StreamGen.Processor<string, string>
            {
                private int {|SG0002:_count|};

                public override void Process(string value, StreamGen.Context<string> context) => _count++;
            }
            """,
            """
            using StreamGen;

            namespace App;

            [StreamGen.StreamOperator]
            public partial class Op : StreamGen.Processor<string, string>
            {
                [State] private int _count;

                public override void Process(string value, StreamGen.Context<string> context) => _count++;
            }
            """,
            AddStateOrTransientCodeFixProvider.AddStateKey);
}
