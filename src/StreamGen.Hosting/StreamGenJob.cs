using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Storage;

namespace StreamGen.Hosting;

/// <summary>
/// The job this host runs: its graph, its checkpoint storage and, once started, its execution (status,
/// checkpoint statistics, triggers). Registered as a singleton by <c>AddStreamGen</c>.
/// </summary>
public sealed class StreamGenJob
{
    private volatile IJobStatusProvider? _execution;

    /// <summary>The compiled job graph, once built.</summary>
    public JobGraph? Graph { get; internal set; }

    /// <summary>Where checkpoints and savepoints go, once configured.</summary>
    public ICheckpointStorage? Storage { get; internal set; }

    /// <summary>The addresses the REST API and dashboard listen on, once started (empty when disabled).</summary>
    public IReadOnlyList<string> ApiUrls { get; internal set; } = [];

    /// <summary>
    /// The exit code the host reported (<see cref="ExitCodes"/>), or <see langword="null"/> while it has not decided one.
    /// It is also set as <see cref="Environment.ExitCode"/>, which the process returns when <c>RunAsync</c> ends.
    /// </summary>
    public int? ExitCode { get; private set; }

    /// <summary>The checked configuration and execution settings, once startup validation passed.</summary>
    internal PreparedJob? Prepared { get; set; }

    /// <summary>The running execution, or <see langword="null"/> before the job started.</summary>
    public IJobStatusProvider? Execution
    {
        get => _execution;
        internal set => _execution = value;
    }

    internal void ReportExitCode(int code)
    {
        ExitCode = code;
        Environment.ExitCode = code;
    }
}
