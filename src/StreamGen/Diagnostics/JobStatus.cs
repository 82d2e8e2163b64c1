namespace StreamGen.Diagnostics;

/// <summary>The lifecycle state of a job execution.</summary>
public enum JobStatus
{
    /// <summary>Loading the checkpoint to restore from and building tasks.</summary>
    Initializing,

    /// <summary>All tasks are running.</summary>
    Running,

    /// <summary>A failure cancelled the tasks; waiting for the restart strategy's delay.</summary>
    Restarting,

    /// <summary>Every source reached the end of its input and the final checkpoint completed.</summary>
    Finished,

    /// <summary>The restart strategy gave up, or the job cannot be restored.</summary>
    Failed,

    /// <summary>Cancelled by the user.</summary>
    Canceled,
}
