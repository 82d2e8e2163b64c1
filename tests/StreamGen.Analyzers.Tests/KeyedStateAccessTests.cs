using Microsoft.CodeAnalysis.Testing;
using Verify = StreamGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<StreamGen.Analyzers.KeyedStateAccessAnalyzer>;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0010: keyed state touched where no key is current.</summary>
public sealed class KeyedStateAccessTests
{
    [Fact]
    public Task KeyedStateInConstructorAndLifecycleMethodsIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, long>
            {
                [State] private long _count;
                [State] private List<string> Seen { get; set; } = new();
                [Transient] private long _opened;

                public Op()
                {
                    {|#0:_count|} = 10;
                }

                public override void Open(OperatorRuntimeContext context)
                {
                    _opened = {|#1:this._count|};
                    {|#2:Seen|}.Clear();
                }

                public override void Close() => Console.WriteLine({|#3:_count|});

                public override void OnCheckpointComplete(long checkpointId)
                {
                    if ({|#4:Seen|}.Count > 0)
                    {
                        {|#5:_count|}++;
                    }
                }

                public override void Process(string value, Context<long> context) => context.Emit(++_count + _opened);
            }
            """,
            Verify.Diagnostic("SG0010").WithLocation(0).WithArguments("Op", "_count", "the constructor of 'Op'"),
            Verify.Diagnostic("SG0010").WithLocation(1).WithArguments("Op", "_count", "'Open'"),
            Verify.Diagnostic("SG0010").WithLocation(2).WithArguments("Op", "Seen", "'Open'"),
            Verify.Diagnostic("SG0010").WithLocation(3).WithArguments("Op", "_count", "'Close'"),
            Verify.Diagnostic("SG0010").WithLocation(4).WithArguments("Op", "Seen", "'OnCheckpointComplete'"),
            Verify.Diagnostic("SG0010").WithLocation(5).WithArguments("Op", "_count", "'OnCheckpointComplete'"));

    [Fact]
    public Task FieldInitializerReadingOtherKeyedStateIsReported() =>
        Verify.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, long>
            {
                [State] private long _count;
                [State] private long _copy = {|#0:{|#1:_count|}|};

                public override void Process(string value, Context<long> context) => context.Emit(++_count + _copy);
            }
            """,
            // C# rejects it too (CS0236), but the rule still names the keyed state.
            DiagnosticResult.CompilerError("CS0236").WithLocation(0).WithArguments("Op._count"),
            Verify.Diagnostic("SG0010").WithLocation(1).WithArguments("Op", "_count", "the initializer of '_copy'"));

    [Fact]
    public Task KeyedStateInProcessDeferredCodeAndNonKeyedOperatorsIsNotReported() =>
        Verify.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Keyed : KeyedProcessor<string, string, long>
            {
                [State] private long _count = 5;
                [State] private HashSet<string> _seen = new();
                [Transient] private Func<long>? _reader;
                [Transient] private string _name = "";
                [Transient] private long _checkpoints;

                public Keyed()
                {
                    _reader = () => _count;
                    _name = nameof(_count);
                }

                public override void Open(OperatorRuntimeContext context)
                {
                    _checkpoints = 0;
                    void Local() => _seen.Clear();
                    _ = (Action)Local;
                }

                public override void OnCheckpointComplete(long checkpointId) => _checkpoints++;

                public override void Process(string value, Context<long> context)
                {
                    _seen.Add(value);
                    context.Emit(++_count + Helper());
                }

                private long Helper() => _count * 2;
            }

            [StreamOperator]
            public partial class NotKeyed : Processor<string, long>
            {
                [State] private long _count;

                public NotKeyed() => _count = 1;

                public override void Open(OperatorRuntimeContext context) => _count += 1;

                public override void OnCheckpointComplete(long checkpointId) => Console.WriteLine(_count);

                public override void Process(string value, Context<long> context) => context.Emit(++_count);
            }
            """);
}
