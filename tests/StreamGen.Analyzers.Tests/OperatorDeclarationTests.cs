using StreamGen.Analyzers.CodeFixes;
using Fix = StreamGen.Analyzers.Tests.Infrastructure.CodeFixVerifier<StreamGen.Analyzers.OperatorDeclarationAnalyzer, StreamGen.Analyzers.CodeFixes.MakePartialCodeFixProvider>;
using VerifyGeneric = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.GenericOperatorStateAnalyzer>;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.OperatorDeclarationAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0007, SG0008, SG0009, SG0012: how a [StreamOperator] class is declared.</summary>
public sealed class OperatorDeclarationTests
{
    [Fact]
    public Task NonPartialOperatorIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public sealed class {|#0:Op|} : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            Verify.Diagnostic("SG0007").WithLocation(0).WithArguments("Op"));

    [Fact]
    public Task PartialOperatorsAreNotReported() =>
        Verify.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public sealed partial class Op : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }

            public static partial class Jobs
            {
                [StreamOperator]
                internal partial class Nested : Processor<int, int>
                {
                    public override void Process(int value, Context<int> context) => context.Emit(value);
                }
            }

            public sealed class NotMarked : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task MakePartialFix() =>
        Fix.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            public sealed class {|SG0007:Op|} : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            public sealed partial class Op : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            MakePartialCodeFixProvider.Key);

    [Fact]
    public Task MakePartialFixWithoutModifiers() =>
        Fix.VerifyFixAsync(
            """
            using StreamGen;

            [StreamOperator]
            class {|SG0007:Op|} : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            """
            using StreamGen;

            [StreamOperator]
            partial class Op : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """,
            MakePartialCodeFixProvider.Key);

    [Fact]
    public Task NestedInNonPartialTypeIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            public static class Outer
            {
                public partial class Middle
                {
                    [StreamOperator]
                    public partial class {|#0:Op|} : Processor<string, string>
                    {
                        public override void Process(string value, Context<string> context) { }
                    }
                }
            }
            """,
            Verify.Diagnostic("SG0008").WithLocation(0).WithArguments("Op", "Outer"));

    [Fact]
    public Task MakePartialFixForAContainingTypeOnly() =>
        Fix.VerifyFixAsync(
            """
            using StreamGen;

            public static class WordCountJob
            {
                [StreamOperator]
                public partial class {|SG0008:RunningCount|} : KeyedProcessor<string, string, long>
                {
                    [State] private long _count;

                    public override void Process(string word, Context<long> context) => context.Emit(++_count);
                }
            }
            """,
            """
            using StreamGen;

            public static partial class WordCountJob
            {
                [StreamOperator]
                public partial class RunningCount : KeyedProcessor<string, string, long>
                {
                    [State] private long _count;

                    public override void Process(string word, Context<long> context) => context.Emit(++_count);
                }
            }
            """,
            MakePartialCodeFixProvider.Key);

    [Fact]
    public Task MakePartialFixCoversTheOperatorAndEveryContainingType() =>
        Fix.VerifyFixAsync(
            """
            using StreamGen;

            public static class Outer
            {
                class Middle
                {
                    [StreamOperator]
                    public class {|SG0007:{|SG0008:Op|}|} : Processor<string, string>
                    {
                        public override void Process(string value, Context<string> context) { }
                    }
                }
            }
            """,
            """
            using StreamGen;

            public static partial class Outer
            {
                partial class Middle
                {
                    [StreamOperator]
                    public partial class Op : Processor<string, string>
                    {
                        public override void Process(string value, Context<string> context) { }
                    }
                }
            }
            """,
            MakePartialCodeFixProvider.Key);

    [Fact]
    public Task StateDependingOnAnOperatorTypeParameterIsReported() =>
        VerifyGeneric.VerifyAsync(
            """
            using StreamGen;

            public sealed record Box<T>(T Value);

            [StreamOperator]
            public partial class Latest<T> : Processor<T, T>
            {
                [State] private T? {|#0:_last|};
                [State] private List<Box<T>> {|#1:_boxes|} = new();
                [State] private long _count;

                public override void Process(T value, Context<T> context) => _last = value;
            }

            [StreamOperator]
            public partial class PerKey<TKey> : KeyedProcessor<{|#2:TKey|}, string, string>
                where TKey : notnull
            {
                public override void Process(string value, Context<string> context) { }
            }

            public partial class Outer<T>
            {
                [StreamOperator]
                public partial class Inner : Processor<string, string>
                {
                    [State] private Dictionary<string, T>? {|#3:_values|};

                    public override void Process(string value, Context<string> context) { }
                }
            }
            """,
            VerifyGeneric.Diagnostic("SG0009").WithLocation(0).WithArguments("Latest", "State '_last'", "T?", "T"),
            VerifyGeneric.Diagnostic("SG0009").WithLocation(1).WithArguments("Latest", "State '_boxes'", "List<Box<T>>", "T"),
            VerifyGeneric.Diagnostic("SG0009").WithLocation(2).WithArguments("PerKey", "The key type", "TKey", "TKey"),
            VerifyGeneric.Diagnostic("SG0009").WithLocation(3).WithArguments("Inner", "State '_values'", "Dictionary<string, T>?", "T"));

    [Fact]
    public Task GenericOperatorWithConcreteStateIsNotReported() =>
        VerifyGeneric.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Counter<T> : Processor<T, long>
            {
                [State] private long _count;
                [State] private Dictionary<string, int> _byType = new();

                public override void Process(T value, Context<long> context) => context.Emit(++_count);
            }

            [StreamOperator]
            public partial class KeyedCounter<TIn> : KeyedProcessor<string, TIn, long>
            {
                [State] private long _count;

                public override void Process(TIn value, Context<long> context) => context.Emit(++_count);
            }
            """);

    [Fact]
    public Task OperatorDerivingFromAGenericBaseIsNotReported() =>
        VerifyGeneric.VerifyAsync("""
            using StreamGen;

            public abstract class Forwarder<T> : Processor<T, T>
            {
                public override void Process(T value, Context<T> context) => context.Emit(value);
            }

            [StreamOperator]
            public partial class ForwardStrings : Forwarder<string>
            {
            }
            """);

    [Fact]
    public Task OperatorWithoutOperatorBaseIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class {|#0:NotAnOperator|}
            {
                [State] private long _count;
                public long Next() => ++_count;
            }
            """,
            Verify.Diagnostic("SG0012").WithLocation(0).WithArguments("NotAnOperator"));
}
