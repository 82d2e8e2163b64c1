using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Execution;

namespace StreamGen.Graph;

internal sealed class SourceNode<T> : StreamNode
{
    private readonly ISource<T> _source;

    public SourceNode(JobBuilder job, int id, ISource<T> source, int parallelism)
        : base(job, id, "Source", parallelism)
    {
        _source = source;
    }

    public override object? Connector => _source;

    public override bool IsSource => true;

    public override ICommittedPositionsSource? CommittedPositions => _source as ICommittedPositionsSource;

    public override ChainedOperator CreateOperator(OperatorRuntimeContext context, object? output, TaskBuildContext build)
    {
        var reader = _source.CreateReader(build.ConnectorContext(context));
        return new SourceOperator<T>(context, reader, (IOutput<T>)output!, build.BatchSize);
    }

    public override object? CreateFanOut(IReadOnlyList<object> outputs)
        => outputs.Count == 1 ? outputs[0] : new FanOutOutput<T>(outputs.Cast<IOutput<T>>().ToArray());

    public override ITaskInput CreateInput(IReadOnlyList<EdgeChannels> inputEdges, int subtaskIndex, ChainedOperator head, CheckpointingMode mode, StreamTask task)
        => (SourceOperator<T>)head;
}
