using StreamGen.Analyzers.CodeFixes;
using Fix = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.UndeclaredMutableFieldAnalyzer, StreamGen.Analyzers.CodeFixes.AddStateOrTransientCodeFixProvider>;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.UndeclaredMutableFieldAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0002: mutable operator fields that are neither [State] nor [Transient].</summary>
public sealed class MutableFieldTests
{
    [Fact]
    public Task MutableFieldsAndSettableAutoPropertiesAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, string>
            {
                private long {|#0:_count|};
                private List<string> {|#1:_seen|} = new(), {|#2:_other|} = new();
                internal string {|#3:Label|} { get; private set; } = "";
                public int {|#4:Total|} { get; protected set; }

                public override void Process(string value, Context<string> context) => _count++;
            }
            """,
            Verify.Diagnostic("SG0002").WithLocation(0).WithArguments("Op", "_count", "long"),
            Verify.Diagnostic("SG0002").WithLocation(1).WithArguments("Op", "_seen", "List<string>"),
            Verify.Diagnostic("SG0002").WithLocation(2).WithArguments("Op", "_other", "List<string>"),
            Verify.Diagnostic("SG0002").WithLocation(3).WithArguments("Op", "Label", "string"),
            Verify.Diagnostic("SG0002").WithLocation(4).WithArguments("Op", "Total", "int"));

    [Fact]
    public Task DeclaredReadonlyConstAndComputedMembersAreNotReported() =>
        Verify.VerifyAsync("""
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
        Fix.VerifyFixAsync(
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
        Fix.VerifyFixAsync(
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
        Fix.VerifyFixAsync(
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
