namespace StreamGen.Diagnostics;

/// <summary>
/// What the hosting layer exposes over REST: job status, checkpoint history, throughput and
/// backpressure, and on-demand checkpoints and savepoints. Implemented by <see cref="Recovery.JobExecution"/>.
/// </summary>
public interface IJobStatusProvider
{
    /// <summary>The job name.</summary>
    string JobName { get; }

    /// <summary>The current lifecycle state.</summary>
    JobStatus Status { get; }

    /// <summary>Restarts so far in this process.</summary>
    int RestartCount { get; }

    /// <summary>The last failure that caused a restart or failed the job, if any.</summary>
    Exception? LastFailure { get; }

    /// <summary>Checkpoint counts, history and latest restore.</summary>
    CheckpointStatsSnapshot GetCheckpointStats();

    /// <summary>Records in/out per operator subtask of the current attempt.</summary>
    IReadOnlyList<OperatorMetricsSnapshot> GetOperatorMetrics();

    /// <summary>Fill level of every channel of the current attempt.</summary>
    IReadOnlyList<ChannelFillSnapshot> GetChannelFill();

    /// <summary>Triggers a checkpoint now and completes when it is durable.</summary>
    Task<CheckpointStats> TriggerCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Triggers a savepoint now and completes when it is durable; its <see cref="CheckpointStats.Path"/> restores the job.</summary>
    Task<CheckpointStats> TriggerSavepointAsync(string? name = null, CancellationToken cancellationToken = default);

    /// <summary>Takes a savepoint with periodic checkpoints suspended, then cancels the job (for upgrades and rescaling).</summary>
    Task<CheckpointStats> StopWithSavepointAsync(string? name = null, CancellationToken cancellationToken = default);
}
