using StreamGen.Storage;

namespace StreamGen.Diagnostics;

/// <summary>What a job attempt restored from.</summary>
/// <param name="CheckpointId">The restored checkpoint id.</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="Path">Where it was read from.</param>
/// <param name="RestoredAt">When the attempt started.</param>
/// <param name="Attempt">The attempt number (0 for the first run of this process).</param>
public sealed record RestoreInfo(long CheckpointId, CheckpointKind Kind, string Path, DateTimeOffset RestoredAt, int Attempt);
