namespace StreamGen.Graph;

/// <summary>Nodes joined by forward edges of equal parallelism: they run in one task, calling each other directly.</summary>
internal sealed class OperatorChain
{
    public OperatorChain(int index, IReadOnlyList<StreamNode> nodes)
    {
        Index = index;
        Nodes = nodes;
    }

    public int Index { get; }

    /// <summary>Head first.</summary>
    public IReadOnlyList<StreamNode> Nodes { get; }

    public StreamNode Head => Nodes[0];

    public StreamNode Tail => Nodes[^1];

    public int Parallelism => Head.ResolvedParallelism;

    public string Name => string.Join(" -> ", Nodes.Select(n => n.Name));
}
