namespace StreamGen.Hosting;

/// <summary>
/// The process exit codes a StreamGen host sets (<see cref="Environment.ExitCode"/>), so an orchestrator can tell a
/// finished job from a failed one and from one that never started. Listed in docs/operations.md.
/// </summary>
public static class ExitCodes
{
    /// <summary>The host was stopped (SIGTERM, Ctrl+C) or a bounded job finished.</summary>
    public const int Success = 0;

    /// <summary>The job failed for good: its restart strategy gave up, or it met an error a restart cannot fix.</summary>
    public const int JobFailed = 1;

    /// <summary>Nothing ran: the configuration, the job graph or the checkpoint storage was found invalid at startup.</summary>
    public const int InvalidConfiguration = 2;
}
