using System.Text;

namespace StreamGen.Storage;

/// <summary>
/// What <see cref="ICheckpointStorage.LoadLatestAsync"/> found: the newest checkpoint that restores, the newer
/// ones it had to pass over, and — when nothing restores — the traces of earlier runs the storage still holds.
/// A job uses the traces to refuse a start from empty state that would silently lose that state.
/// </summary>
public sealed class CheckpointSearchResult
{
    /// <summary>Creates a search result.</summary>
    /// <param name="storage">The storage's <see cref="ICheckpointStorage.Description"/>.</param>
    /// <param name="restored">The newest complete and valid checkpoint, or <see langword="null"/>.</param>
    /// <param name="rejected">The checkpoints newer than <paramref name="restored"/> that could not be used, newest first.</param>
    /// <param name="savepoints">Savepoints in the storage (listed only when nothing restored).</param>
    /// <param name="completionMarker">
    /// Where the storage recorded that a checkpoint completed in it once, or <see langword="null"/> when it never did
    /// (listed only when nothing restored).
    /// </param>
    public CheckpointSearchResult(string storage, RestoredCheckpoint? restored, IReadOnlyList<RejectedCheckpoint> rejected, IReadOnlyList<string> savepoints, string? completionMarker)
    {
        Storage = storage;
        Restored = restored;
        Rejected = rejected;
        Savepoints = savepoints;
        CompletionMarker = completionMarker;
    }

    /// <summary>The storage that was searched.</summary>
    public string Storage { get; }

    /// <summary>The newest complete and valid checkpoint, or <see langword="null"/>.</summary>
    public RestoredCheckpoint? Restored { get; }

    /// <summary>The checkpoints newer than <see cref="Restored"/> that could not be used, newest first.</summary>
    public IReadOnlyList<RejectedCheckpoint> Rejected { get; }

    /// <summary>Savepoints in the storage (only listed when nothing restored).</summary>
    public IReadOnlyList<string> Savepoints { get; }

    /// <summary>The record that a checkpoint once completed in this storage, or <see langword="null"/>.</summary>
    public string? CompletionMarker { get; }

    /// <summary>
    /// True when nothing restores although the storage shows that an earlier run had state: a checkpoint that
    /// completed once (its <c>_metadata</c> or the completion marker), or a savepoint. Leftovers of checkpoints
    /// that never completed alone are not such a trace: a job that failed before its first checkpoint starts
    /// from nothing again, correctly.
    /// </summary>
    public bool HoldsUnrestorableState
        => Restored is null && (CompletionMarker is not null || Savepoints.Count > 0 || Rejected.Any(r => r.HasMetadata));

    /// <summary>One line per thing found and why it was not restored, for errors and logs.</summary>
    public string DescribeFindings()
    {
        var text = new StringBuilder();
        foreach (var rejected in Rejected)
        {
            text.Append("\n  - checkpoint ").Append(rejected.CheckpointId).Append(" at ").Append(rejected.Path).Append(": ").Append(rejected.Reason);
        }

        foreach (var savepoint in Savepoints)
        {
            text.Append("\n  - savepoint ").Append(savepoint).Append(": savepoints are restored only when named (RestoreFrom)");
        }

        if (CompletionMarker is not null)
        {
            text.Append("\n  - ").Append(CompletionMarker).Append(": records that a checkpoint completed in this storage before");
        }

        return text.Length == 0 ? "\n  - nothing" : text.ToString();
    }
}
