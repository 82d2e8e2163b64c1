using System.Text.Json.Serialization;

namespace StreamGen.Storage;

/// <summary>
/// The <c>_metadata</c> of a checkpoint or savepoint: written last, so its presence (with a valid
/// checksum) is what makes the checkpoint complete.
/// </summary>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="JobName">The job that wrote it.</param>
/// <param name="TriggeredAt">When the coordinator triggered it.</param>
/// <param name="CompletedAt">When the last acknowledgement arrived.</param>
/// <param name="States">One entry per operator subtask that has state.</param>
/// <param name="Origin">
/// The snapshot the job was explicitly started from, carried forward through restarts; <see langword="null"/>
/// when the run began with empty state (and in metadata written before this field existed).
/// </param>
public sealed record CheckpointMetadata(
    long CheckpointId,
    CheckpointKind Kind,
    string JobName,
    DateTimeOffset TriggeredAt,
    DateTimeOffset CompletedAt,
    IReadOnlyList<OperatorSubtaskStateHandle> States,
    CheckpointOrigin? Origin = null)
{
    /// <summary>The format tag written into every metadata file.</summary>
    public const string FormatVersion = "streamgen-checkpoint/1";

    /// <summary>Total bytes of all state files.</summary>
    [JsonIgnore]
    public long TotalStateSize => States.Sum(s => s.File.Size);
}
