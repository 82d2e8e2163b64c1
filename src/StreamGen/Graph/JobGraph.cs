using System.Security.Cryptography;
using System.Text;

namespace StreamGen.Graph;

/// <summary>
/// A validated job: operators with resolved parallelism and stable ids, and the chains (tasks) they run
/// in. Build it with <see cref="JobBuilder.Build"/>; run it with <see cref="Recovery.JobRunner"/>.
/// </summary>
public sealed class JobGraph
{
    private JobGraph(string name, int maxParallelism, IReadOnlyList<StreamNode> nodes, IReadOnlyList<OperatorChain> chains)
    {
        Name = name;
        MaxParallelism = maxParallelism;
        Nodes = nodes;
        Chains = chains;
        Operators = nodes.Select(n => new OperatorInfo(
            n.OperatorId,
            n.Name,
            n.Kind,
            n.ResolvedParallelism,
            chains.First(c => c.Nodes.Contains(n)).Name,
            n.Inputs.Count == 0 ? string.Empty : string.Join(", ", n.Inputs.Select(e => e.Partitioning).Distinct()))).ToList();
    }

    /// <summary>The job name.</summary>
    public string Name { get; }

    /// <summary>Number of key groups.</summary>
    public int MaxParallelism { get; }

    /// <summary>The operators in topological order.</summary>
    public IReadOnlyList<OperatorInfo> Operators { get; }

    internal IReadOnlyList<StreamNode> Nodes { get; }

    internal IReadOnlyList<OperatorChain> Chains { get; }

    /// <summary>
    /// Asks every source and sink that implements <see cref="Connectors.IValidatingConnector"/> whether its
    /// settings fit <paramref name="checkpointing"/>; a host calls this before running the job.
    /// </summary>
    /// <returns>The problems found, each naming the operator and the setting; empty when none.</returns>
    public IReadOnlyList<string> ValidateConnectors(Checkpointing.CheckpointConfig checkpointing)
    {
        ArgumentNullException.ThrowIfNull(checkpointing);
        return Nodes.Where(n => n.Connector is Connectors.IValidatingConnector)
            .SelectMany(n => ((Connectors.IValidatingConnector)n.Connector!).Validate(n.OperatorId, checkpointing))
            .ToList();
    }

    /// <summary>A readable plan: tasks, operators, ids and partitioning.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Job '").Append(Name).Append("' (max parallelism ").Append(MaxParallelism).AppendLine(")");
        foreach (var chain in Chains)
        {
            text.Append("  task ").Append(chain.Name).Append(" x").Append(chain.Parallelism).AppendLine();
            foreach (var node in chain.Nodes)
            {
                text.Append("    ").Append(node.Kind).Append(" '").Append(node.Name).Append("' id=").Append(node.OperatorId);
                if (node.Inputs.Count > 0)
                {
                    text.Append(" input=").Append(string.Join(",", node.Inputs.Select(e => e.Partitioning).Distinct()));
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    internal static JobGraph Compile(JobBuilder job)
    {
        var nodes = job.Nodes;
        if (job.MaxParallelism is < 1 or > 32768)
        {
            throw new JobGraphException($"Job '{job.Name}': MaxParallelism is {job.MaxParallelism}; it must be between 1 and 32768.");
        }

        if (!nodes.Any(n => n.IsSource))
        {
            throw new JobGraphException($"Job '{job.Name}' has no source. Start with job.From(...).");
        }

        if (!nodes.Any(n => n.IsSink))
        {
            throw new JobGraphException($"Job '{job.Name}' has no sink. End each stream with To(...).");
        }

        // Creation order is topological: every input of a node was created before it.
        foreach (var node in nodes)
        {
            node.ResolvedParallelism = node.Parallelism ?? node.Inputs.Max(e => e.Source.ResolvedParallelism);
            if (node.ResolvedParallelism < 1)
            {
                throw new JobGraphException($"Operator {node.Description} has parallelism {node.ResolvedParallelism}; it must be at least 1.");
            }

            if (node.IsKeyed && node.ResolvedParallelism > job.MaxParallelism)
            {
                throw new JobGraphException($"Keyed operator {node.Description} has parallelism {node.ResolvedParallelism}, above the job's MaxParallelism {job.MaxParallelism} (the number of key groups). Lower the parallelism or raise MaxParallelism before the first run.");
            }

            if (!node.IsSink && node.Outputs.Count == 0)
            {
                throw new JobGraphException($"Operator {node.Description} has no consumer, so its output would be dropped. Connect it to a sink with To(...), or remove it.");
            }
        }

        var uids = new Dictionary<string, StreamNode>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Uid is not null))
        {
            if (uids.TryGetValue(node.Uid!, out var other))
            {
                throw new JobGraphException($"Uid '{node.Uid}' is used by both {other.Description} (#{other.Id}) and '{node.Name}' (#{node.Id}). Each operator needs its own uid: state is matched by it on restore.");
            }

            uids.Add(node.Uid!, node);
        }

        var sourceOrdinal = 0;
        var ids = new Dictionary<string, StreamNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            node.OperatorId = node.Uid ?? DeriveId(node, node.IsSource ? sourceOrdinal++ : -1);
            if (!ids.TryAdd(node.OperatorId, node))
            {
                throw new JobGraphException($"Operator {node.Description} derives id '{node.OperatorId}', which {ids[node.OperatorId].Description} already has. Give one of them a Uid(...).");
            }
        }

        foreach (var node in nodes)
        {
            foreach (var edge in node.Inputs)
            {
                edge.IsForward = !edge.IsKeyed && edge.Source.ResolvedParallelism == node.ResolvedParallelism;
                edge.IsChained = edge.IsForward && node.Inputs.Count == 1 && edge.Source.Outputs.Count == 1;
            }
        }

        var chains = new List<OperatorChain>();
        foreach (var node in nodes)
        {
            if (node.Inputs.Count == 1 && node.Inputs[0].IsChained)
            {
                continue;
            }

            var members = new List<StreamNode> { node };
            var current = node;
            while (current.Outputs.Count == 1 && current.Outputs[0].IsChained)
            {
                current = current.Outputs[0].Target;
                members.Add(current);
            }

            chains.Add(new OperatorChain(chains.Count, members));
        }

        return new JobGraph(job.Name, job.MaxParallelism, nodes, chains);
    }

    // Derived from the position in the graph (the ids of the inputs and the place among the first
    // input's consumers), not from names, so renaming an operator keeps its state; adding an operator
    // upstream changes ids downstream, which is why long-lived jobs should set Uid on stateful operators.
    private static string DeriveId(StreamNode node, int sourceOrdinal)
    {
        var text = new StringBuilder();
        if (node.IsSource)
        {
            text.Append("source#").Append(sourceOrdinal);
        }
        else
        {
            foreach (var edge in node.Inputs)
            {
                text.Append(edge.Source.OperatorId).Append('|');
            }

            var first = node.Inputs[0].Source;
            text.Append('#').Append(first.Outputs.FindIndex(e => e.Target == node));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
