using StreamGen.Analyzers.CodeFixes;
using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0004, SG0005, SG0006, SG0014: where [State] may be put.</summary>
public sealed class StateMemberTests
{
    [Fact]
    public Task StateOutsideAnOperatorIsReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public class Counter
            {
                [State] private long {|SG0004:_count|};
                public long Next() => ++_count;
            }

            public partial class Forgotten : Processor<string, string>
            {
                [State] private long {|SG0004:_count|};
                public override void Process(string value, Context<string> context) => _count++;
            }
            """);

    [Fact]
    public Task AddStreamOperatorFix() =>
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyNoFixAsync("""
            using StreamGen;

            public class Counter
            {
                [State] private long {|SG0004:_count|};
                public long Next() => ++_count;
            }
            """);

    [Fact]
    public Task StaticConstAndReadonlyStateAreReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State] private static long {|SG0005:s_count|};
                [State] private const int {|SG0005:Limit|} = 3;
                [State] private readonly List<string> {|SG0005:_seen|} = new();
                [State] public static int {|SG0005:Shared|} { get; set; }

                public override void Process(string value, Context<string> context) => s_count++;
            }
            """);

    [Fact]
    public Task UnsupportedStatePropertiesAreReported() =>
        AnalyzerVerifier.VerifyAsync("""
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

                [State] public int {|SG0006:GetOnly|} { get; }
                [State] public int {|SG0006:InitOnly|} { get; init; }
                [State] public int {|SG0006:SetOnly|} { set => _value = value; }
                [State] public ref int {|SG0006:ByRef|} => ref _values[0];
                [State] public int {|SG0006:this|}[int i] { get => _values[i]; set => _values[i] = value; }
                [State] public override int Abstract { get => _value; set => _value = value; }

                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task RemoveReadonlyFix() =>
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyNoFixAsync("""
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
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyNoFixAsync("""
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
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : Processor<string, string>
            {
                [State, Transient] private long {|SG0014:_count|};

                public override void Process(string value, Context<string> context) => _count++;
            }
            """);

    [Fact]
    public Task ValidStateMembersAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
