using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.FaultInjection;
using StreamGen.Graph;
using StreamGen.State;
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
    private CheckpointOrigin? _savepointOrigin;

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
                    if (restored is not null)
                    {
                        ids.ContinueAfter(restored.Metadata.CheckpointId);
                    }

                    attempt = new JobAttempt(_graph, _options, restored, OriginOf(restored), _restarts, ids, _stats, _cancellation.Token, _loggerFactory, _logger);
                    _attempt = attempt;
                    _status = JobStatus.Running;
                    failure = await attempt.RunAsync().ConfigureAwait(false);
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
                if (NonRecoverableCause(failure) is { } cause)
                {
                    // The same checkpoint and the same code would fail the same way: restarting only delays the error.
                    _logger.LogError(failure, "Job '{Job}' failed with an error a restart cannot fix ({Cause}); not restarting.", JobName, cause.GetType().Name);
                    Finish(JobStatus.Failed, new JobFailedException(JobName, _restarts, cause));
                    return;
                }

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

    /// <summary>
    /// The error in <paramref name="failure"/>'s chain that no restart can fix (state that does not map onto the
    /// job, a changed state type, a named snapshot that cannot be read, any <see cref="INonRecoverableError"/>), or
    /// <see langword="null"/>.
    /// </summary>
    private static Exception? NonRecoverableCause(Exception failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            if (ex is JobRestoreException or StateSchemaMismatchException or INonRecoverableError)
            {
                return ex;
            }
        }

        return null;
    }

    // What the checkpoints of an attempt record as their origin: the snapshot named by RestoreFrom when the
    // attempt starts from it, else whatever the restored checkpoint carried.
    private CheckpointOrigin? OriginOf(RestoredCheckpoint? restored)
        => restored is null ? null
            : _savepointOrigin is { } origin && origin.Is(restored.Metadata) ? origin
            : restored.Metadata.Origin;

    private async Task<RestoredCheckpoint?> LoadCheckpointAsync()
    {
        var search = await _storage.LoadLatestAsync(_cancellation.Token).ConfigureAwait(false);
        RestoredCheckpoint? restored;
        string why;
        if (_options.RestoreFromSavepoint is { } path)
        {
            (restored, why) = await ChooseSavepointOrLaterCheckpointAsync(path, search).ConfigureAwait(false);
        }
        else if (search.Restored is { } latest)
        {
            restored = latest;
            why = search.Rejected.Count == 0
                ? "the newest complete checkpoint"
                : $"the newest checkpoint that restores; skipped as unusable:{search.DescribeFindings()}";
        }
        else
        {
            await EnsureFreshStartIsIntendedAsync(search).ConfigureAwait(false);
            return null;
        }

        _stats.ReportRestore(new RestoreInfo(restored.Metadata.CheckpointId, restored.Metadata.Kind, restored.Path, DateTimeOffset.UtcNow, _restarts));
        _logger.LogInformation("Job '{Job}' restores from {Kind} {Id} at {Path}: {Why}.", JobName, restored.Metadata.Kind, restored.Metadata.CheckpointId, restored.Path, why);
        return restored;
    }

    /// <summary>
    /// With RestoreFrom set, a restart must not rewind: the newest checkpoint that continued from the named
    /// snapshot (its metadata carries that snapshot as origin) wins over the snapshot. Checkpoints of other runs
    /// do not: the user named the snapshot, possibly to go back in time on purpose.
    /// </summary>
    private async Task<(RestoredCheckpoint Restored, string Why)> ChooseSavepointOrLaterCheckpointAsync(string path, CheckpointSearchResult search)
    {
        var origin = _savepointOrigin;
        RestoredCheckpoint? savepoint = null;
        if (origin is null)
        {
            savepoint = await LoadNamedSnapshotAsync(path).ConfigureAwait(false);
            origin = CheckpointOrigin.Of(savepoint);
            _savepointOrigin = origin;
        }

        if (search.Restored is { } latest && latest.Metadata.Origin is { } continued && origin.Is(continued) && latest.Metadata.CheckpointId > origin.CheckpointId)
        {
            return (latest, $"it continued from {origin.Kind} {origin.CheckpointId} named by RestoreFrom ('{path}') and is newer, so the restart does not rewind");
        }

        savepoint ??= await LoadNamedSnapshotAsync(path).ConfigureAwait(false);
        var newest = search.Restored is { } other
            ? $"; the newest checkpoint in {_storage.Description} ({other.Metadata.CheckpointId}, job '{other.Metadata.JobName}') did not continue from it"
            : string.Empty;
        return (savepoint, $"named by RestoreFrom{newest}");
    }

    // The user named this snapshot: if it cannot be read, no restart can fix that.
    private async Task<RestoredCheckpoint> LoadNamedSnapshotAsync(string path)
    {
        try
        {
            return await _storage.LoadAsync(path, _cancellation.Token).ConfigureAwait(false);
        }
        catch (CorruptCheckpointException ex)
        {
            throw new JobRestoreException(
                $"Job '{JobName}' cannot start: RestoreFrom names '{path}', which cannot be restored: {ex.Reason}. " +
                "Name a complete savepoint or checkpoint (list them with 'streamgen list <storage-path>'), or remove RestoreFrom to start from the latest checkpoint.",
                ex);
        }
    }

    /// <summary>
    /// Nothing restores. That is a fresh start only when nothing shows an earlier run had state; otherwise
    /// the job refuses to start (unless AllowFreshStart), because sources would resume from positions committed
    /// after the lost state and every result would silently start over.
    /// </summary>
    private async Task EnsureFreshStartIsIntendedAsync(CheckpointSearchResult search)
    {
        var evidence = new List<string>();
        if (search.HoldsUnrestorableState)
        {
            evidence.Add($"checkpoint storage {search.Storage} holds state of an earlier run, but none of it restores:{search.DescribeFindings()}");
        }

        foreach (var node in _graph.Nodes)
        {
            if (node.CommittedPositions is { } source
                && await source.DescribeCommittedPositionsAsync(JobName, _cancellation.Token).ConfigureAwait(false) is { } positions)
            {
                evidence.Add($"source {node.Description} resumes from positions an earlier run committed: {positions}");
            }
        }

        if (evidence.Count == 0)
        {
            if (search.Rejected.Count > 0)
            {
                _logger.LogInformation("Job '{Job}' starts with empty state; {Storage} holds only checkpoints that never completed:{Findings}", JobName, search.Storage, search.DescribeFindings());
            }

            return;
        }

        var found = string.Join("\n", evidence);
        if (_options.AllowFreshStart)
        {
            _logger.LogWarning("Job '{Job}' starts with empty state because AllowFreshStart is set, although {Found}", JobName, found);
            return;
        }

        throw new JobRestoreException(
            $"Job '{JobName}' refuses to start with empty state: {found}\n" +
            "Starting from nothing would silently lose that state while sources resume after it. Restore a snapshot with RestoreFrom=<path> " +
            "(a savepoint, or a retained checkpoint copied from a backup), or set AllowFreshStart (StreamGen:AllowFreshStart=true) to start from nothing on purpose.");
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
