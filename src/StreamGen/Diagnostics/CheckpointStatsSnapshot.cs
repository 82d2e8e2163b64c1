namespace StreamGen.Diagnostics;

/// <summary>Checkpoint statistics at one moment.</summary>
/// <param name="Completed">Completed checkpoints and savepoints.</param>
/// <param name="Failed">Failed checkpoints and savepoints.</param>
/// <param name="InProgress">Checkpoints in progress.</param>
/// <param name="LatestCompleted">The newest completed one, if any.</param>
/// <param name="LatestFailed">The newest failed one, if any.</param>
/// <param name="LatestRestore">What the current attempt restored from, if anything.</param>
/// <param name="History">The most recent entries, newest first.</param>
public sealed record CheckpointStatsSnapshot(
    long Completed,
    long Failed,
    int InProgress,
    CheckpointStats? LatestCompleted,
    CheckpointStats? LatestFailed,
    RestoreInfo? LatestRestore,
    IReadOnlyList<CheckpointStats> History);
