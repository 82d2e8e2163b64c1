using StreamGen.Checkpointing;
using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>A node producing <typeparamref name="TOut"/> records and consuming <typeparamref name="TIn"/> channel elements.</summary>
internal class StreamNode<TIn, TOut> : StreamNode
{
    private readonly Func<OperatorRuntimeContext, IOutput<TOut>, TaskBuildContext, ChainedOperator<TIn>> _factory;

    public StreamNode(JobBuilder job, int id, string kind, int? parallelism, Func<OperatorRuntimeContext, IOutput<TOut>, TaskBuildContext, ChainedOperator<TIn>> factory)
        : base(job, id, kind, parallelism)
    {
        _factory = factory;
    }

    public override ChainedOperator CreateOperator(OperatorRuntimeContext context, object? output, TaskBuildContext build)
        => _factory(context, (IOutput<TOut>)output!, build);

    public override object? CreateFanOut(IReadOnlyList<object> outputs)
        => outputs.Count == 1 ? outputs[0] : new FanOutOutput<TOut>(outputs.Cast<IOutput<TOut>>().ToArray());

    public override ITaskInput CreateInput(IReadOnlyList<EdgeChannels> inputEdges, int subtaskIndex, ChainedOperator head, CheckpointingMode mode, StreamTask task)
        => NodeInputs.Create<TIn>(inputEdges, subtaskIndex, head, mode, task);
}
