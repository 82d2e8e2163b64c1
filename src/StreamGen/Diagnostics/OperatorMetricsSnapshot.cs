namespace StreamGen.Diagnostics;

/// <summary>Throughput counters of one operator subtask (current attempt).</summary>
/// <param name="OperatorId">The operator id.</param>
/// <param name="OperatorName">The operator name.</param>
/// <param name="SubtaskIndex">The subtask.</param>
/// <param name="RecordsIn">Records received.</param>
/// <param name="RecordsOut">Records emitted.</param>
public sealed record OperatorMetricsSnapshot(string OperatorId, string OperatorName, int SubtaskIndex, long RecordsIn, long RecordsOut);
