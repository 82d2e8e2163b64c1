using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamGen.Diagnostics;
using StreamGen.Kafka;

namespace StreamGen.Hosting.Health;

/// <summary>
/// Job health for orchestrators: unhealthy when the job failed or a Kafka client has reached no broker
/// for longer than <see cref="KafkaUnreachableThreshold"/>; degraded while restarting or when the newest
/// checkpoint attempt failed.
/// </summary>
internal sealed class StreamGenHealthCheck(StreamGenJob job) : IHealthCheck
{
    public static readonly TimeSpan KafkaUnreachableThreshold = TimeSpan.FromSeconds(30);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (job.Execution is not { } execution)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The job has not started yet."));
        }

        var unreachable = KafkaHealth.UnreachableLongerThan(KafkaUnreachableThreshold);
        if (unreachable.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka unreachable: " + string.Join("; ", unreachable)));
        }

        var stats = execution.GetCheckpointStats();
        var result = execution.Status switch
        {
            JobStatus.Failed => HealthCheckResult.Unhealthy($"The job failed: {execution.LastFailure?.Message}"),
            JobStatus.Canceled => HealthCheckResult.Unhealthy("The job was canceled."),
            JobStatus.Restarting or JobStatus.Initializing => HealthCheckResult.Degraded($"The job is {execution.Status} (restarts: {execution.RestartCount}; last failure: {execution.LastFailure?.Message})."),
            _ when stats.LatestFailed is { } failed && failed.CheckpointId > (stats.LatestCompleted?.CheckpointId ?? 0)
                => HealthCheckResult.Degraded($"Checkpoint {failed.CheckpointId} failed: {failed.FailureCause}"),
            _ => HealthCheckResult.Healthy($"The job is {execution.Status}; {stats.Completed} checkpoints completed."),
        };
        return Task.FromResult(result);
    }
}
