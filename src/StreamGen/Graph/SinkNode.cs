using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Execution;

namespace StreamGen.Graph;

internal sealed class SinkNode<T> : StreamNode
{
    private readonly ISink<T> _sink;

    public SinkNode(JobBuilder job, int id, ISink<T> sink, int? parallelism)
        : base(job, id, "Sink", parallelism)
    {
        _sink = sink;
    }

    public override object? Connector => _sink;

    public override bool IsSink => true;

    public override ChainedOperator CreateOperator(OperatorRuntimeContext context, object? output, TaskBuildContext build)
        => new SinkOperator<T>(context, _sink.CreateWriter(build.ConnectorContext(context)), build.BatchSize);

    public override object? CreateFanOut(IReadOnlyList<object> outputs) => null;

    public override ITaskInput CreateInput(IReadOnlyList<EdgeChannels> inputEdges, int subtaskIndex, ChainedOperator head, CheckpointingMode mode, StreamTask task)
        => NodeInputs.Create<T>(inputEdges, subtaskIndex, head, mode, task);
}
