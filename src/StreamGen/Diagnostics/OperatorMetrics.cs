namespace StreamGen.Diagnostics;

/// <summary>
/// Counters of one operator subtask. Written only by the task thread with plain increments (no atomics
/// on the hot path); readers see slightly stale values, which is fine for metrics.
/// </summary>
internal sealed class OperatorMetrics
{
    public OperatorMetrics(string operatorId, string operatorName, int subtaskIndex)
    {
        OperatorId = operatorId;
        OperatorName = operatorName;
        SubtaskIndex = subtaskIndex;
    }

    public string OperatorId { get; }

    public string OperatorName { get; }

    public int SubtaskIndex { get; }

    public long RecordsIn;

    public long RecordsOut;
}
