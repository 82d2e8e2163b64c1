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

    /// <summary>The running execution, or <see langword="null"/> before the job started.</summary>
    public IJobStatusProvider? Execution
    {
        get => _execution;
        internal set => _execution = value;
    }
}
