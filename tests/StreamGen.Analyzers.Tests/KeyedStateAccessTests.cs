using StreamGen.Analyzers.Tests.Infrastructure;

namespace StreamGen.Analyzers.Tests;

/// <summary>SG0010: keyed state touched where no key is current.</summary>
public sealed class KeyedStateAccessTests
{
    [Fact]
    public Task KeyedStateInConstructorAndLifecycleMethodsIsReported() =>
        AnalyzerVerifier.VerifyAsync("""
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, long>
            {
                [State] private long _count;
                [State] private List<string> Seen { get; set; } = new();
                [Transient] private long _opened;

                public Op()
                {
                    {|SG0010:_count|} = 10;
                }

                public override void Open(OperatorRuntimeContext context)
                {
                    _opened = {|SG0010:this._count|};
                    {|SG0010:Seen|}.Clear();
                }

                public override void Close() => Console.WriteLine({|SG0010:_count|});

                public override void OnCheckpointComplete(long checkpointId)
                {
                    if ({|SG0010:Seen|}.Count > 0)
                    {
                        {|SG0010:_count|}++;
                    }
                }

                public override void Process(string value, Context<long> context) => context.Emit(++_count + _opened);
            }
            """);

    [Fact]
    public Task FieldInitializerReadingOtherKeyedStateIsReported() =>
        AnalyzerVerifier.VerifyAsync(
            """
            using StreamGen;

            [StreamOperator]
            public partial class Op : KeyedProcessor<string, string, long>
            {
                [State] private long _count;
                [State] private long _copy = {|SG0010:_count|};

                public override void Process(string value, Context<long> context) => context.Emit(++_count + _copy);
            }
            """,
            allowCompilerErrors: true);

    [Fact]
    public Task KeyedStateInProcessDeferredCodeAndNonKeyedOperatorsIsNotReported() =>
        AnalyzerVerifier.VerifyAsync("""
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
