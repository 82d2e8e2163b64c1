namespace StreamGen.Recovery;

/// <summary>
/// Marks an exception that no restart can fix — a missing native library, a configuration the job cannot run with.
/// When a job attempt fails with such an error anywhere in its exception chain, the restart strategy is skipped
/// and the job fails at once (as for <see cref="JobRestoreException"/> and
/// <see cref="State.StateSchemaMismatchException"/>), instead of repeating the same failure for minutes.
/// </summary>
public interface INonRecoverableError;
