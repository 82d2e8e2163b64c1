using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.Graph;
using StreamGen.Hosting.Configuration;
using StreamGen.Kafka;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Hosting;

/// <summary>
/// Builds the job from the user's definition and the <c>StreamGen</c> configuration, runs it until the host
/// stops, and on shutdown optionally takes a savepoint first. A job that fails for good stops the host with
/// exit code 1; a bounded job that finishes stops it with 0.
/// </summary>
internal sealed partial class StreamGenJobService(
    JobDefinition definition,
    StreamGenJob job,
    IOptions<StreamGenOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IEnumerable<ICheckpointStorageProvider> storageProviders,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("StreamGen.Hosting");
    private JobExecution? _execution;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var builder = new JobBuilder(o.JobName ?? environment.ApplicationName);
        // The job's cluster (its default comes from STREAMGEN_KAFKA_BOOTSTRAP or localhost), overridden by configuration.
        var cluster = builder.KafkaCluster();
        if (o.Kafka.BootstrapServers is { Length: > 0 } servers)
        {
            cluster.BootstrapServers = servers;
        }

        foreach (var (key, value) in o.Kafka.Properties)
        {
            cluster.Properties[key] = value;
        }

        definition.Configure(builder);
        var graph = builder.Build();
        var location = o.Checkpointing.StoragePath;
        var storage = storageProviders.FirstOrDefault(p => p.CanHandle(location))?.Create(location, loggerFactory)
            ?? new FileSystemCheckpointStorage(location, loggerFactory.CreateLogger("StreamGen.Storage"));
        job.Graph = graph;
        job.Storage = storage;

        var executionOptions = new JobExecutionOptions
        {
            Storage = storage,
            Checkpointing = new CheckpointConfig
            {
                Mode = o.Checkpointing.Mode,
                Interval = o.Checkpointing.Enabled ? o.Checkpointing.Interval : null,
                Timeout = o.Checkpointing.Timeout,
                MinPauseBetweenCheckpoints = o.Checkpointing.MinPause,
                MaxConcurrentCheckpoints = o.Checkpointing.MaxConcurrent,
                RetainedCheckpoints = o.Checkpointing.Retained,
                TolerableCheckpointFailures = o.Checkpointing.TolerableFailures,
            },
            RestartStrategy = o.RestartStrategy.Type switch
            {
                RestartStrategyKind.None => RestartStrategy.None,
                RestartStrategyKind.FixedDelay => RestartStrategy.FixedDelay(o.RestartStrategy.MaxAttempts, o.RestartStrategy.Delay),
                _ => RestartStrategy.ExponentialBackoff(o.RestartStrategy.InitialBackoff, o.RestartStrategy.MaxBackoff, o.RestartStrategy.Multiplier, o.RestartStrategy.MaxAttempts),
            },
            RestoreFromSavepoint = string.IsNullOrEmpty(o.RestoreFrom) ? null : o.RestoreFrom,
            AllowNonRestoredState = o.AllowNonRestoredState,
            AllowFreshStart = o.AllowFreshStart,
            LoggerFactory = loggerFactory,
        };

        LogStarting(graph.Name, graph.Operators.Count, o.Checkpointing.Mode, o.Checkpointing.Interval, storage.Description, cluster.BootstrapServers);
        var execution = JobRunner.Start(graph, executionOptions);
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
            Environment.ExitCode = 1;
        }
        else
        {
            LogJobFinished(graph.Name, execution.Status);
        }

        lifetime.StopApplication();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_execution is { Status: JobStatus.Running } execution)
        {
            var stopped = false;
            if (options.Value.SavepointOnShutdown)
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
