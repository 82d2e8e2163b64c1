namespace StreamGen.FaultInjection;

/// <summary>What an armed crash point does when it fires.</summary>
public enum CrashAction
{
    /// <summary>Throws <see cref="InjectedFailureException"/>: the task (or coordinator) fails and the job fails over.</summary>
    Throw,

    /// <summary>Kills the whole process at once (SIGKILL on Unix), as a machine crash would.</summary>
    KillProcess,
}
