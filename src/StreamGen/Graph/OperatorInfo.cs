namespace StreamGen.Graph;

/// <summary>An operator of a built job graph, for status pages and logs.</summary>
/// <param name="OperatorId">The stable id state is matched by.</param>
/// <param name="Name">The display name.</param>
/// <param name="Kind">Source, Map, Filter, FlatMap, Process, KeyedProcess or Sink.</param>
/// <param name="Parallelism">Number of subtasks.</param>
/// <param name="TaskName">The chain (task) it runs in.</param>
/// <param name="InputPartitioning">How its input arrives: chained, forward, rebalance or hash(key group); empty for sources.</param>
public sealed record OperatorInfo(string OperatorId, string Name, string Kind, int Parallelism, string TaskName, string InputPartitioning);
