namespace StreamGen.Recovery;

/// <summary>The job failed for good: the restart strategy gave up, or the state cannot be restored.</summary>
public sealed class JobFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobFailedException(string jobName, int restarts, Exception cause)
        : base($"Job '{jobName}' failed after {restarts} restart(s): {cause.Message}", cause)
    {
        JobName = jobName;
        Restarts = restarts;
    }

    /// <summary>The job name.</summary>
    public string JobName { get; }

    /// <summary>Restarts before giving up.</summary>
    public int Restarts { get; }
}
