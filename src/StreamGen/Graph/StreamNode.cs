using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>
/// A vertex of the job graph: a source, an operator or a sink, with its parallelism and stable id. The
/// typed subclasses create the runtime operator of one subtask, so building tasks needs no reflection.
/// </summary>
internal abstract class StreamNode
{
    protected StreamNode(JobBuilder job, int id, string kind, int? parallelism)
    {
        Job = job;
        Id = id;
        Kind = kind;
        Name = kind;
        Parallelism = parallelism;
    }

    public JobBuilder Job { get; }

    /// <summary>Creation order; also a topological order, because inputs always exist first.</summary>
    public int Id { get; }

    /// <summary>What the node does (Source, Map, Filter, FlatMap, Process, KeyedProcess, Sink).</summary>
    public string Kind { get; }

    public string Name { get; set; }

    public string? Uid { get; set; }

    /// <summary>Set explicitly; <see langword="null"/> inherits the largest parallelism of the inputs.</summary>
    public int? Parallelism { get; set; }

    public List<StreamEdge> Inputs { get; } = new();

    public List<StreamEdge> Outputs { get; } = new();

    /// <summary>Assigned when the job graph is built.</summary>
    public string OperatorId { get; set; } = string.Empty;

    /// <summary>Assigned when the job graph is built.</summary>
    public int ResolvedParallelism { get; set; }

    /// <summary>True when the input edges are <c>KeyBy</c> edges (the operator holds keyed state).</summary>
    public bool IsKeyed => Inputs.Count > 0 && Inputs[0].IsKeyed;

    public virtual bool IsSource => false;

    public virtual bool IsSink => false;

    /// <summary>For a source whose positions outlive its checkpoints (see <see cref="ICommittedPositionsSource"/>), that source.</summary>
    public virtual ICommittedPositionsSource? CommittedPositions => null;

    /// <summary>Names the node in errors by what the user gave it: its uid and name; the kind and number only when it has neither.</summary>
    public string Description => (Uid, Name == Kind) switch
    {
        (null, true) => $"{Kind} #{Id}",
        (null, false) => $"'{Name}' ({Kind} #{Id})",
        (_, true) => $"uid '{Uid}'",
        _ => $"'{Name}' (uid '{Uid}')",
    };

    /// <summary>The source or sink definition of a connector node, else <see langword="null"/>.</summary>
    public virtual object? Connector => null;

    /// <summary>Creates one subtask's operator; <paramref name="output"/> is an <c>IOutput&lt;TOut&gt;</c> (null for sinks).</summary>
    public abstract ChainedOperator CreateOperator(OperatorRuntimeContext context, object? output, TaskBuildContext build);

    /// <summary>Combines several outputs of this node into one <c>IOutput&lt;TOut&gt;</c>.</summary>
    public abstract object? CreateFanOut(IReadOnlyList<object> outputs);

    /// <summary>Creates the channel-reading head of a task whose first operator is this node.</summary>
    public abstract ITaskInput CreateInput(IReadOnlyList<EdgeChannels> inputEdges, int subtaskIndex, ChainedOperator head, CheckpointingMode mode, StreamTask task);
}
