namespace StreamGen.Recovery;

/// <summary>
/// The checkpoint cannot be mapped onto this job (state of an operator that no longer exists, a changed
/// MaxParallelism, ...). Restarting would not help, so the job fails at once.
/// </summary>
public sealed class JobRestoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobRestoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
