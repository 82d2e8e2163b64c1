using StreamGen.Storage;

namespace StreamGen.Diagnostics;

/// <summary>One entry of the checkpoint history.</summary>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="IsFinal">Taken after all sources finished (bounded jobs).</param>
/// <param name="TriggeredAt">When the coordinator triggered it.</param>
/// <param name="Status">In progress, completed or failed.</param>
/// <param name="Duration">Trigger to completion (or failure); null while in progress.</param>
/// <param name="StateSize">Bytes of state written (acknowledged tasks).</param>
/// <param name="MaxAlignment">Longest barrier alignment among the tasks.</param>
/// <param name="MaxSynchronousDuration">Longest synchronous snapshot part among the tasks.</param>
/// <param name="AcknowledgedTasks">Tasks that acknowledged.</param>
/// <param name="TotalTasks">Tasks that must acknowledge.</param>
/// <param name="Path">Where it is stored.</param>
/// <param name="FailureCause">Why it failed, if it did.</param>
public sealed record CheckpointStats(
    long CheckpointId,
    CheckpointKind Kind,
    bool IsFinal,
    DateTimeOffset TriggeredAt,
    CheckpointStatus Status,
    TimeSpan? Duration,
    long StateSize,
    TimeSpan MaxAlignment,
    TimeSpan MaxSynchronousDuration,
    int AcknowledgedTasks,
    int TotalTasks,
    string? Path,
    string? FailureCause);
