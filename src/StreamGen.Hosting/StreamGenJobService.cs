using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.Recovery;

namespace StreamGen.Hosting;

/// <summary>
/// Runs the job <see cref="StreamGenJobStartup"/> prepared until the host stops, and on shutdown optionally takes
/// a savepoint first. A job that fails for good stops the host with exit code 1; a bounded job that finishes
/// stops it with 0 (<see cref="ExitCodes"/>).
/// </summary>
internal sealed partial class StreamGenJobService(
    StreamGenJob job,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("StreamGen.Hosting");
    private JobExecution? _execution;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (job.Prepared is not { } prepared || job.Graph is not { } graph)
        {
            return; // startup validation failed: it logged why, set the exit code and stops the host
        }

        var o = prepared.Options;
        try
        {
            LogStarting(graph.Name, graph.Operators.Count, o.Checkpointing.Mode, o.Checkpointing.Interval, prepared.Execution.Storage!.Description, prepared.BootstrapServers);
            var execution = JobRunner.Start(graph, prepared.Execution);
            _execution = execution;
            job.Execution = execution;

            await Task.WhenAny(execution.Completion, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
            if (!execution.Completion.IsCompleted)
            {
                return; // the host is stopping: StopAsync ends the job
            }

            if (execution.Completion.IsFaulted || execution.Status == JobStatus.Failed)
            {
                LogJobFailed(graph.Name, execution.RestartCount, execution.Completion.Exception?.GetBaseException() ?? execution.LastFailure);
                job.ReportExitCode(ExitCodes.JobFailed);
            }
            else
            {
                LogJobFinished(graph.Name, execution.Status);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left to the host, an exception here would stop it with exit code 0.
            LogJobFailed(graph.Name, job.Execution?.RestartCount ?? 0, ex);
            job.ReportExitCode(ExitCodes.JobFailed);
        }

        lifetime.StopApplication();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_execution is { Status: JobStatus.Running } execution)
        {
            var stopped = false;
            if (job.Prepared?.Options.SavepointOnShutdown == true)
            {
                try
                {
                    var savepoint = await execution.StopWithSavepointAsync("shutdown", cancellationToken).ConfigureAwait(false);
                    LogShutdownSavepoint(savepoint.CheckpointId, savepoint.Path);
                    stopped = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogShutdownSavepointFailed(ex);
                }
            }

            if (!stopped)
            {
                // Cancelling aborts an in-flight checkpoint cleanly (its files are deleted) and closes every task.
                await execution.CancelAsync().ConfigureAwait(false);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (job.Storage is IDisposable storage)
        {
            storage.Dispose(); // e.g. an object-store client
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Starting job {Job}: {Operators} operators, {Mode} checkpoints every {Interval} to {Storage}; Kafka at {Kafka}")]
    private partial void LogStarting(string job, int operators, CheckpointingMode mode, TimeSpan interval, string storage, string kafka);

    [LoggerMessage(2, LogLevel.Critical, "Job {Job} failed after {Restarts} restarts")]
    private partial void LogJobFailed(string job, int restarts, Exception? exception);

    [LoggerMessage(3, LogLevel.Information, "Job {Job} ended: {Status}")]
    private partial void LogJobFinished(string job, JobStatus status);

    [LoggerMessage(4, LogLevel.Information, "Savepoint {CheckpointId} taken on shutdown at {Path}; restore with StreamGen:RestoreFrom")]
    private partial void LogShutdownSavepoint(long checkpointId, string? path);

    [LoggerMessage(5, LogLevel.Error, "Savepoint on shutdown failed; the job stops without one")]
    private partial void LogShutdownSavepointFailed(Exception exception);
}
