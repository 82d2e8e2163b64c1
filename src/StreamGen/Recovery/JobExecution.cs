using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.Storage;

namespace StreamGen.Recovery;

/// <summary>
/// A running job: executes attempts of the job graph, restarts from the latest complete checkpoint after
/// a failure (under the restart strategy), and exposes status, metrics, checkpoint history and on-demand
/// checkpoints and savepoints. Start one with <see cref="JobRunner.Start"/>.
/// </summary>
public sealed class JobExecution : IJobStatusProvider, IAsyncDisposable
{
    private readonly JobGraph _graph;
    private readonly JobExecutionOptions _options;
    private readonly ICheckpointStorage _storage;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly ILogger _logger;
    private readonly CheckpointStatsTracker _stats;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile JobAttempt? _attempt;
    private volatile JobStatus _status = JobStatus.Initializing;
    private volatile Exception? _lastFailure;
    private int _restarts;

    internal JobExecution(JobGraph graph, JobExecutionOptions options)
    {
        options.Validate();
        _graph = graph;
        _options = options;
        _storage = options.Storage!;
        _stats = new CheckpointStatsTracker(graph.Name);
        _loggerFactory = options.LoggerFactory ?? (_ownedLoggerFactory = ConsoleLogging.CreateLoggerFactory());
        _logger = _loggerFactory.CreateLogger("StreamGen.JobExecution");
    }

    /// <inheritdoc />
    public string JobName => _graph.Name;

    /// <summary>The job graph being executed.</summary>
    public JobGraph Graph => _graph;

    /// <inheritdoc />
    public JobStatus Status => _status;

    /// <inheritdoc />
    public int RestartCount => Volatile.Read(ref _restarts);

    /// <inheritdoc />
    public Exception? LastFailure => _lastFailure;

    /// <summary>
    /// Completes when the job finished (all bounded input processed), or was cancelled; faults with
    /// <see cref="JobFailedException"/> when it failed for good.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public CheckpointStatsSnapshot GetCheckpointStats() => _stats.Snapshot();

    /// <inheritdoc />
    public IReadOnlyList<OperatorMetricsSnapshot> GetOperatorMetrics()
        => _attempt is { } attempt
            ? attempt.Tasks.SelectMany(t => t.Chain).Select(o => new OperatorMetricsSnapshot(o.Metrics.OperatorId, o.Metrics.OperatorName, o.Metrics.SubtaskIndex, Volatile.Read(ref o.Metrics.RecordsIn), Volatile.Read(ref o.Metrics.RecordsOut))).ToList()
            : [];

    /// <inheritdoc />
    public IReadOnlyList<ChannelFillSnapshot> GetChannelFill()
        => _attempt is { } attempt ? attempt.Gauges.Select(g => new ChannelFillSnapshot(g.Description, g.Count, g.Capacity)).ToList() : [];

    /// <inheritdoc />
    public Task<CheckpointStats> TriggerCheckpointAsync(CancellationToken cancellationToken = default)
        => RunningAttempt().Coordinator.TriggerAsync(CheckpointKind.Checkpoint, null, cancellationToken);

    /// <inheritdoc />
    public Task<CheckpointStats> TriggerSavepointAsync(string? name = null, CancellationToken cancellationToken = default)
        => RunningAttempt().Coordinator.TriggerAsync(CheckpointKind.Savepoint, name, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Periodic checkpoints are suspended first, so no epoch after the savepoint is committed by a sink,
    /// and a job restored from the returned savepoint continues exactly where this one stopped.
    /// </remarks>
    public async Task<CheckpointStats> StopWithSavepointAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        var attempt = RunningAttempt();
        attempt.Coordinator.SuspendPeriodicCheckpoints();
        var savepoint = await attempt.Coordinator.TriggerAsync(CheckpointKind.Savepoint, name, cancellationToken).ConfigureAwait(false);
        await CancelAsync().ConfigureAwait(false);
        return savepoint;
    }

    /// <summary>Cancels the job and waits until every task stopped. Completed checkpoints stay in storage.</summary>
    public async Task CancelAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);
        _attempt?.Cancel();
        try
        {
            await _completion.Task.ConfigureAwait(false);
        }
        catch (JobFailedException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_completion.Task.IsCompleted)
        {
            await CancelAsync().ConfigureAwait(false);
        }

        _cancellation.Dispose();
    }

    internal void Start()
    {
        StreamGenMetrics.Register(this);
        _ = Task.Run(RunAsync);
    }

    private JobAttempt RunningAttempt()
        => _status == JobStatus.Running && _attempt is { } attempt
            ? attempt
            : throw new InvalidOperationException($"Job '{JobName}' is {_status}; checkpoints and savepoints can only be triggered while it is Running.");

    private async Task RunAsync()
    {
        try
        {
            FaultInjector.ArmFromEnvironment();
            var ids = new CheckpointIdCounter(await _storage.GetHighestCheckpointIdAsync(_cancellation.Token).ConfigureAwait(false));
            while (true)
            {
                _status = _restarts == 0 ? JobStatus.Initializing : JobStatus.Restarting;
                Exception? failure;
                JobAttempt? attempt = null;
                try
                {
                    var restored = await LoadCheckpointAsync().ConfigureAwait(false);
                    attempt = new JobAttempt(_graph, _options, restored, _restarts, ids, _stats, _cancellation.Token, _loggerFactory, _logger);
                    _attempt = attempt;
                    _status = JobStatus.Running;
                    failure = await attempt.RunAsync().ConfigureAwait(false);
                }
                catch (JobRestoreException ex)
                {
                    Finish(JobStatus.Failed, ex);
                    return;
                }
                catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
                {
                    failure = null;
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                if (_cancellation.IsCancellationRequested)
                {
                    Finish(JobStatus.Canceled, null);
                    return;
                }

                if (failure is null)
                {
                    Finish(JobStatus.Finished, null);
                    return;
                }

                _lastFailure = failure;
                var restart = Interlocked.Increment(ref _restarts);
                var delay = _options.RestartStrategy.GetDelay(restart);
                if (delay is null)
                {
                    _logger.LogError(failure, "Job '{Job}' failed; restart strategy {Strategy} gives up after {Restarts} restart(s).", JobName, _options.RestartStrategy, restart - 1);
                    Finish(JobStatus.Failed, new JobFailedException(JobName, restart - 1, failure));
                    return;
                }

                _status = JobStatus.Restarting;
                _logger.LogWarning(failure, "Job '{Job}' failed (attempt {Attempt}); restarting from the latest checkpoint in {Delay} ms.", JobName, restart - 1, (long)delay.Value.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay.Value, _cancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Finish(JobStatus.Canceled, null);
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Finish(JobStatus.Failed, new JobFailedException(JobName, _restarts, ex));
        }
    }

    private async Task<RestoredCheckpoint?> LoadCheckpointAsync()
    {
        RestoredCheckpoint? restored;
        if (_restarts == 0 && _options.RestoreFromSavepoint is { } path)
        {
            restored = await _storage.LoadAsync(path, _cancellation.Token).ConfigureAwait(false);
        }
        else
        {
            restored = await _storage.LoadLatestAsync(_cancellation.Token).ConfigureAwait(false);
            if (restored is null && _options.RestoreFromSavepoint is { } savepoint)
            {
                restored = await _storage.LoadAsync(savepoint, _cancellation.Token).ConfigureAwait(false);
            }
        }

        if (restored is not null)
        {
            _stats.ReportRestore(new RestoreInfo(restored.Metadata.CheckpointId, restored.Metadata.Kind, restored.Path, DateTimeOffset.UtcNow, _restarts));
            _logger.LogInformation("Job '{Job}' restores from {Kind} {Id} at {Path}.", JobName, restored.Metadata.Kind, restored.Metadata.CheckpointId, restored.Path);
        }

        return restored;
    }

    private void Finish(JobStatus status, Exception? failure)
    {
        _status = status;
        StreamGenMetrics.Unregister(this);

        // Before completion is signalled: disposing the console logger flushes its queue, so a program that
        // exits when the job fails still prints why.
        _ownedLoggerFactory?.Dispose();
        if (failure is not null)
        {
            _lastFailure = failure;
            _completion.TrySetException(failure is JobFailedException ? failure : new JobFailedException(JobName, _restarts, failure));
        }
        else
        {
            _completion.TrySetResult();
        }
    }
}
