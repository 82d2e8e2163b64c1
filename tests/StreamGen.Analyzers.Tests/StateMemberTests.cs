using StreamGen.Analyzers.CodeFixes;
using AddStreamOperator = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.StateMemberAnalyzer, StreamGen.Analyzers.CodeFixes.AddStreamOperatorAttributeCodeFixProvider>;
using MakeAssignable = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.StateMemberAnalyzer, StreamGen.Analyzers.CodeFixes.MakeStateAssignableCodeFixProvider>;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.StateMemberAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0004, SG0005, SG0006, SG0014: where [State] may be put.</summary>
public sealed class StateMemberTests
{
    [Fact]
    public Task StateOutsideAnOperatorIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            public class Counter
            {
                [State] private long {|#0:_count|};
                public long Next() => ++_count;
            }

            public partial class Forgotten : Processor<string, string>
            {
                [State] private long {|#1:_count|};
                public override void Process(string value, Context<string> context) => _count++;
            }
            """,
            Verify.Diagnostic("SG0004").WithLocation(0).WithArguments("Counter", "_count"),
            Verify.Diagnostic("SG0004").WithLocation(1).WithArguments("Forgotten", "_count"));

    [Fact]
    public Task AddStreamOperatorFix() =>
        AddStreamOperator.VerifyFixAsync(
            """
            using StreamGen;

            namespace App
            {
                /// <summary>Counts.</summary>
                public partial class Forgotten : Processor<string, string>
                {
                    [State] private long {|SG0004:_count|};
                    public override void Process(string value, Context<string> context) => _count++;
                }
            }
            """,
            """
            using StreamGen;

            namespace App
            {
                /// <summary>Counts.</summary>
                [StreamOperator]
                public partial class Forgotten : Processor<string, string>
                {
                    [State] private long _count;
                    public override void Process(string value, Context<string> context) => _count++;
                }
            }
            """,
            AddStreamOperatorAttributeCodeFixProvider.Key);

    [Fact]
    public Task NoAddStreamOperatorFixForAClassThatIsNotAnOperator() =>
        AddStreamOperator.VerifyNoFixAsync("""
            using StreamGen;

            public class Counter
            {
                [State] private long {|SG0004:_count|};
                public long Next() => ++_count;
            }
            """);

    [Fact]
    public Task StaticConstAndReadonlyStateAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private static long {|#0:s_count|};
                [State] private const int {|#1:Limit|} = 3;
                [State] private readonly List<string> {|#2:_seen|} = new();
                [State] public static int {|#3:Shared|} { get; set; }

                public override void Process(string value, Context<string> context) => s_count++;
            }
            """,
            Verify.Diagnostic("SG0005").WithLocation(0).WithArguments("Op", "s_count", "static"),
            Verify.Diagnostic("SG0005").WithLocation(1).WithArguments("Op", "Limit", "a constant"),
            Verify.Diagnostic("SG0005").WithLocation(2).WithArguments("Op", "_seen", "readonly"),
            Verify.Diagnostic("SG0005").WithLocation(3).WithArguments("Op", "Shared", "static"));

    [Fact]
    public Task UnsupportedStatePropertiesAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            public abstract class Base : Processor<string, string>
            {
                public abstract int Abstract { get; set; }
            }

            [StreamOperator]
            public partial class Op : Base
            {
                [Transient] private int _value;
                private readonly int[] _values = new int[1];

                [State] public int {|#0:GetOnly|} { get; }
                [State] public int {|#1:InitOnly|} { get; init; }
                [State] public int {|#2:SetOnly|} { set => _value = value; }
                [State] public ref int {|#3:ByRef|} => ref _values[0];
                [State] public int {|#4:this|}[int i] { get => _values[i]; set => _values[i] = value; }
                [State] public override int Abstract { get => _value; set => _value = value; }

                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0006").WithLocation(0).WithArguments("Op", "GetOnly", "has no set accessor"),
            Verify.Diagnostic("SG0006").WithLocation(1).WithArguments("Op", "InitOnly", "has an init accessor, which only a constructor or object initializer may call"),
            Verify.Diagnostic("SG0006").WithLocation(2).WithArguments("Op", "SetOnly", "has no get accessor"),
            Verify.Diagnostic("SG0006").WithLocation(3).WithArguments("Op", "ByRef", "returns by reference"),
            Verify.Diagnostic("SG0006").WithLocation(4).WithArguments("Op", "this[]", "is an indexer"));

    [Fact]
    public Task RemoveReadonlyFix() =>
        MakeAssignable.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private readonly List<string> {|SG0005:_seen|} = new();

                public override void Process(string value, Context<string> context) => _seen.Add(value);
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private List<string> _seen = new();

                public override void Process(string value, Context<string> context) => _seen.Add(value);
            }
            """,
            MakeStateAssignableCodeFixProvider.Key);

    [Fact]
    public Task RemoveReadonlyFixWhenItIsTheFirstModifier() =>
        MakeAssignable.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State]
                readonly List<string> {|SG0005:_seen|} = new();

                public override void Process(string value, Context<string> context) => _seen.Add(value);
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State]
                List<string> _seen = new();

                public override void Process(string value, Context<string> context) => _seen.Add(value);
            }
            """,
            MakeStateAssignableCodeFixProvider.Key);

    [Fact]
    public Task NoFixForStaticOrConstState() =>
        MakeAssignable.VerifyNoFixAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private static long {|SG0005:s_count|};
                [State] private const int {|SG0005:Limit|} = 3;

                public override void Process(string value, Context<string> context) => s_count += Limit;
            }
            """);

    [Fact]
    public Task InitBecomesSetFix() =>
        MakeAssignable.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] public double {|SG0006:Max|} { get; init; }

                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] public double Max { get; set; }

                public override void Process(string value, Context<string> context) { }
            }
            """,
            MakeStateAssignableCodeFixProvider.Key);

    [Fact]
    public Task GetOnlyAutoPropertyGetsAPrivateSetterFix() =>
        MakeAssignable.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] public long {|SG0006:Count|} { get; } = 1;

                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] public long Count { get; private set; } = 1;

                public override void Process(string value, Context<string> context) { }
            }
            """,
            MakeStateAssignableCodeFixProvider.Key);

    [Fact]
    public Task NoFixForComputedProperties() =>
        MakeAssignable.VerifyNoFixAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private double _sum;
                [State] public double {|SG0006:Sum|} => _sum;

                public override void Process(string value, Context<string> context) => _sum++;
            }
            """);

    [Fact]
    public Task StateAndTransientTogetherAreReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State, Transient] private long {|#0:_count|};

                public override void Process(string value, Context<string> context) => _count++;
            }
            """,
            Verify.Diagnostic("SG0014").WithLocation(0).WithArguments("Op", "_count"));

    [Fact]
    public Task ValidStateMembersAreNotReported() =>
        Verify.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private long _count;
                [State("renamed")] internal string Name = "";
                [State] public long Total { get; set; }
                [State] protected List<string> Seen { get; private set; } = new();

                public override void Process(string value, Context<string> context) => _count++;
            }
            """);
}
