using StreamGen.Connectors;
using StreamGen.State;

namespace StreamGen.Graph;

/// <summary>
/// Builds a streaming job: sources, transformations and sinks. Every method returns a typed stream, so
/// record types are checked by the compiler from source to sink.
/// </summary>
/// <example>
/// <code>
/// var job = new JobBuilder("wordcount");
/// job.From(new ReplayableSource&lt;string&gt;(...), parallelism: 2).Uid("words")
///    .KeyBy(w => w)
///    .Process(() => new RunningCount()).Uid("count")
///    .To(new ExactlyOnceCollectingSink&lt;WordCount&gt;(output)).Uid("out");
/// var graph = job.Build();
/// </code>
/// </example>
public sealed class JobBuilder
{
    private readonly List<StreamNode> _nodes = new();

    /// <summary>Creates a job builder.</summary>
    /// <param name="name">The job name; checkpoint metadata and metrics carry it.</param>
    public JobBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The job name.</summary>
    public string Name { get; }

    /// <summary>
    /// Number of key groups keyed state is partitioned into, and so the largest parallelism a keyed
    /// operator can ever be rescaled to. Changing it makes existing keyed state unrestorable.
    /// </summary>
    public int MaxParallelism { get; set; } = KeyGroups.DefaultMaxParallelism;

    internal IReadOnlyList<StreamNode> Nodes => _nodes;

    /// <summary>Adds a source with <paramref name="parallelism"/> subtasks.</summary>
    public DataStream<T> From<T>(ISource<T> source, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(source);
        var node = new SourceNode<T>(this, _nodes.Count, source, parallelism);
        _nodes.Add(node);
        return new DataStream<T>(this, [node]);
    }

    /// <summary>Validates the graph, assigns operator ids and decides chaining.</summary>
    /// <exception cref="JobGraphException">The graph is invalid; the message names the operator and the fix.</exception>
    public JobGraph Build() => JobGraph.Compile(this);

    internal TNode Add<TNode>(TNode node, IReadOnlyList<StreamNode> inputs, Func<StreamNode, StreamNode, StreamEdge> edgeFactory)
        where TNode : StreamNode
    {
        foreach (var input in inputs)
        {
            if (input.Job != this)
            {
                throw new JobGraphException($"Stream of operator {input.Description} belongs to job '{input.Job.Name}', not to '{Name}'. Streams of different jobs cannot be connected.");
            }

            var edge = edgeFactory(input, node);
            input.Outputs.Add(edge);
            node.Inputs.Add(edge);
        }

        _nodes.Add(node);
        return node;
    }

    internal int NextNodeId => _nodes.Count;
}
