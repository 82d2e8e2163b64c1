using StreamGen.Analyzers.CodeFixes;
using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0007, SG0008, SG0009, SG0012: how a [StreamOperator] class is declared.</summary>
public sealed class OperatorDeclarationTests
{
    [Fact]
    public Task NonPartialOperatorIsReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public sealed class {|SG0007:Op|} : Processor<string, string>
            {
                public override void Process(string value, Context<string> context) { }
            }
            """);

    [Fact]
    public Task PartialOperatorsAreNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyFixAsync(
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
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public static class Outer
            {
                public partial class Middle
                {
                    [StreamOperator]
                    public partial class {|SG0008:Op|} : Processor<string, string>
                    {
                        public override void Process(string value, Context<string> context) { }
                    }
                }
            }
            """);

    [Fact]
    public Task MakePartialFixForAContainingTypeOnly() =>
        CodeFixVerifier.VerifyFixAsync(
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
        CodeFixVerifier.VerifyFixAsync(
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
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            public sealed record Box<T>(T Value);

            [StreamOperator]
            public partial class Latest<T> : Processor<T, T>
            {
                [State] private T? {|SG0009:_last|};
                [State] private List<Box<T>> {|SG0009:_boxes|} = new();
                [State] private long _count;

                public override void Process(T value, Context<T> context) => _last = value;
            }

            [StreamOperator]
            public partial class PerKey<TKey> : KeyedProcessor<{|SG0009:TKey|}, string, string>
                where TKey : notnull
            {
                public override void Process(string value, Context<string> context) { }
            }

            public partial class Outer<T>
            {
                [StreamOperator]
                public partial class Inner : Processor<string, string>
                {
                    [State] private Dictionary<string, T>? {|SG0009:_values|};

                    public override void Process(string value, Context<string> context) { }
                }
            }
            """);

    [Fact]
    public Task GenericOperatorWithConcreteStateIsNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
        AnalyzerVerifier.VerifyAsync("""
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
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class {|SG0012:NotAnOperator|}
            {
                [State] private long _count;
                public long Next() => ++_count;
            }
            """);
}
