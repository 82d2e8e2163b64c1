namespace StreamGen;

/// <summary>Describes the subtask an operator instance runs as.</summary>
/// <param name="OperatorId">The stable operator id state is matched by on restore.</param>
/// <param name="OperatorName">A readable name for logs and metrics.</param>
/// <param name="SubtaskIndex">Zero-based index of this parallel instance.</param>
/// <param name="Parallelism">Number of parallel instances of the operator.</param>
/// <param name="MaxParallelism">Number of key groups keyed state is partitioned into.</param>
/// <param name="AttemptNumber">0 on the first run, incremented on every restart of the job.</param>
public sealed record OperatorRuntimeContext(
    string OperatorId,
    string OperatorName,
    int SubtaskIndex,
    int Parallelism,
    int MaxParallelism,
    int AttemptNumber);
