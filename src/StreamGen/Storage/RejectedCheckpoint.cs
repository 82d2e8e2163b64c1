namespace StreamGen.Storage;

/// <summary>A checkpoint that was found in storage but could not be restored.</summary>
/// <param name="CheckpointId">Its id, from its directory name.</param>
/// <param name="Path">Its location.</param>
/// <param name="Reason">Why it cannot be used (no <c>_metadata</c>, a missing or truncated file, a failed checksum).</param>
/// <param name="HasMetadata">
/// Whether its <c>_metadata</c> exists: then it completed once and was damaged later, which means an earlier
/// run had state. Without <c>_metadata</c> it may simply never have completed.
/// </param>
public sealed record RejectedCheckpoint(long CheckpointId, string Path, string Reason, bool HasMetadata);
