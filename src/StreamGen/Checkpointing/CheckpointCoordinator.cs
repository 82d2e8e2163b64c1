using Microsoft.Extensions.Logging;
using StreamGen.Diagnostics;
using StreamGen.Execution;
using StreamGen.FaultInjection;
using StreamGen.Storage;

namespace StreamGen.Checkpointing;

/// <summary>
/// Drives the checkpoints of one job attempt: triggers them (periodically, on demand, and the final one
/// of a bounded job), collects the acknowledgements, commits the metadata, notifies the tasks, and aborts
/// checkpoints that are declined or time out.
/// </summary>
/// <remarks>
/// Protocol: trigger <c>n</c> → every source task snapshots its positions and injects barrier <c>n</c> →
/// every task snapshots when barrier <c>n</c> arrived on all its inputs (aligned in exactly-once mode),
/// forwards it, writes its state asynchronously and acknowledges → when all tasks acknowledged, the
/// coordinator writes <c>_metadata</c> (the checkpoint is now complete) → it notifies every task
/// (sinks commit) → it prunes old checkpoints. See docs/checkpointing.md.
/// </remarks>
internal sealed class CheckpointCoordinator
{
    private const int SlotPollMilliseconds = 5;
    private const int FinalRetryDelayMilliseconds = 50;

    private readonly object _lock = new();
    private readonly string _jobName;
    private readonly CheckpointConfig _config;
    private readonly ICheckpointStorage _storage;
    private readonly IReadOnlyList<StreamTask> _tasks;
    private readonly CheckpointStatsTracker _stats;
    private readonly CheckpointIdCounter _ids;
    private readonly Action<Exception> _failJob;
    private readonly ILogger _logger;
    private readonly CheckpointOrigin? _origin;
    private readonly Func<string>? _describeDataInFlight;
    private readonly Dictionary<long, PendingCheckpoint> _pending = new();
    private readonly List<Task> _inFlight = new();
    private readonly SemaphoreSlim _completionGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _sourceCount;
    private int _finishedSources;
    private bool _finalRequested;
    private bool _periodicSuspended;
    private bool _stopped;
    private long _lastCompletedId = -1;
    private long _lastCompletedTicks;
    private int _consecutiveFailures;

    public CheckpointCoordinator(string jobName, CheckpointConfig config, ICheckpointStorage storage, IReadOnlyList<StreamTask> tasks, CheckpointStatsTracker stats, CheckpointIdCounter ids, Action<Exception> failJob, ILogger logger, CheckpointOrigin? origin = null, Func<string>? describeDataInFlight = null)
    {
        _origin = origin;
        _describeDataInFlight = describeDataInFlight;
        _jobName = jobName;
        _config = config;
        _storage = storage;
        _tasks = tasks;
        _stats = stats;
        _ids = ids;
        _failJob = failJob;
        _logger = logger;
        _sourceCount = tasks.Count(t => t.IsSource);
        _lastCompletedTicks = Environment.TickCount64;
    }

    /// <summary>The newest checkpoint completed in this attempt, or -1.</summary>
    public long LastCompletedCheckpointId
    {
        get
        {
            lock (_lock)
            {
                return _lastCompletedId;
            }
        }
    }

    public void Start()
    {
        if (_config.Interval is { } interval)
        {
            Track(Task.Run(() => PeriodicTriggerLoopAsync(interval)));
        }
    }

    /// <summary>Stops triggering, aborts what is pending and waits for in-flight writes and commits to settle.</summary>
    public async Task StopAsync()
    {
        List<PendingCheckpoint> pending;
        lock (_lock)
        {
            _stopped = true;
            pending = _pending.Values.Where(p => !p.IsFinalizing).ToList();
            foreach (var checkpoint in pending)
            {
                _pending.Remove(checkpoint.CheckpointId);
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var checkpoint in pending)
        {
            Abort(checkpoint, "the job attempt ended", null, countAsFailure: false);
        }

        Task[] inFlight;
        lock (_lock)
        {
            inFlight = _inFlight.ToArray();
        }

        try
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "An in-flight checkpoint operation failed while stopping.");
        }
    }

    /// <summary>
    /// Stops periodic checkpoints for the rest of the attempt (stop-with-savepoint: nothing after the
    /// savepoint may commit). Checkpoints already in progress still finish.
    /// </summary>
    public void SuspendPeriodicCheckpoints()
    {
        lock (_lock)
        {
            _periodicSuspended = true;
        }
    }

    /// <summary>Triggers a checkpoint or savepoint, waiting for a free slot, and completes when it is durable.</summary>
    public async Task<CheckpointStats> TriggerAsync(CheckpointKind kind, string? savepointName, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PendingCheckpoint? checkpoint;
            lock (_lock)
            {
                if (_stopped)
                {
                    throw new InvalidOperationException($"Job '{_jobName}' is not running (restarting, finished or cancelled); retry the trigger when it is running.");
                }

                if (_finalRequested)
                {
                    throw new InvalidOperationException($"Job '{_jobName}' is finishing: all sources reached the end of their input and the final checkpoint is being taken.");
                }

                checkpoint = _pending.Count < _config.MaxConcurrentCheckpoints ? Register(kind, savepointName, isFinal: false) : null;
            }

            if (checkpoint is not null)
            {
                Begin(checkpoint);
                return await checkpoint.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(SlotPollMilliseconds, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A connector asks for a checkpoint before the next interval (a sink whose uncommitted epoch grew large). Takes a
    /// free slot like a periodic checkpoint, honouring the minimum pause; does nothing when periodic checkpoints are
    /// off or suspended, or while one is in progress — its barrier ends the epoch soon anyway.
    /// </summary>
    public void RequestCheckpoint()
    {
        PendingCheckpoint? checkpoint;
        lock (_lock)
        {
            var sinceLast = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastCompletedTicks);
            if (_config.Interval is null || _stopped || _finalRequested || _periodicSuspended || _pending.Count > 0 || sinceLast < _config.MinPauseBetweenCheckpoints)
            {
                return;
            }

            checkpoint = Register(CheckpointKind.Checkpoint, null, isFinal: false);
        }

        _logger.LogDebug("Checkpoint {Id} of job '{Job}' triggered early at a connector's request.", checkpoint.CheckpointId, _jobName);
        Begin(checkpoint);
        Observe(checkpoint.Completion.Task);
    }

    /// <summary>A source task exhausted its input. When all did, the final checkpoint is triggered.</summary>
    public void OnSourceFinished()
    {
        lock (_lock)
        {
            if (++_finishedSources < _sourceCount || _finalRequested)
            {
                return;
            }

            _finalRequested = true;
        }

        Track(Task.Run(TriggerFinalAsync));
    }

    /// <summary>
    /// The asynchronous part of a task's snapshot, on the thread pool: serialise, write the state files,
    /// then acknowledge.
    /// </summary>
    public void CompleteSnapshotAsynchronously(StreamTask task, CheckpointBarrier barrier, List<StateSnapshotPart> parts, TimeSpan alignment, TimeSpan synchronousDuration)
    {
        CheckpointLocation? location;
        CancellationToken io;
        lock (_lock)
        {
            var pending = _pending.GetValueOrDefault(barrier.CheckpointId);
            location = pending?.Location;
            io = pending?.IoCancellation?.Token ?? _stop.Token;
        }

        if (location is null)
        {
            // Already aborted (timeout, decline, attempt ended): nothing to write.
            DisposeAll(parts);
            return;
        }

        Track(Task.Run(async () =>
        {
            try
            {
                var handles = new List<OperatorSubtaskStateHandle>(parts.Count);
                long size = 0;
                foreach (var part in parts)
                {
                    var data = part.Serialize();
                    var file = await _storage.WriteStateFileAsync(location, part.FileName, data, io).ConfigureAwait(false);
                    size += data.Length;
                    var context = part.Context;
                    handles.Add(new OperatorSubtaskStateHandle(context.OperatorId, context.SubtaskIndex, context.Parallelism, context.MaxParallelism, part.Kind, part.SchemaFingerprint, part.KeyGroups, file));
                }

                if (FaultInjector.IsEnabled)
                {
                    FaultInjector.Hit(CrashPoint.AfterSnapshotBeforeAck, task.Name);
                }

                Acknowledge(task.Index, barrier.CheckpointId, handles, size, alignment, synchronousDuration);
            }
            catch (InjectedFailureException ex)
            {
                // Simulates the task dying between its state write and its acknowledgement.
                _failJob(ex);
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                Decline(barrier.CheckpointId, new InvalidOperationException($"Task {task.Name} could not write its state for checkpoint {barrier.CheckpointId} to {location.Path}: {ex.Message}{StorageFullHint(ex)}", ex));
            }
            catch (Exception ex)
            {
                _logger.LogDebug(ex, "State write of task {Task} for checkpoint {Id} stopped with the attempt.", task.Name, barrier.CheckpointId);
            }
            finally
            {
                DisposeAll(parts);
            }
        }));
    }

    /// <summary>Aborts <paramref name="checkpointId"/> because a task cannot take part in it.</summary>
    public void Decline(long checkpointId, Exception cause)
    {
        PendingCheckpoint? checkpoint;
        lock (_lock)
        {
            if (!_pending.TryGetValue(checkpointId, out checkpoint) || checkpoint.IsFinalizing)
            {
                return;
            }

            _pending.Remove(checkpointId);
        }

        Abort(checkpoint, cause.Message, cause, countAsFailure: true);
    }

    private void Acknowledge(int taskIndex, long checkpointId, List<OperatorSubtaskStateHandle> handles, long size, TimeSpan alignment, TimeSpan synchronousDuration)
    {
        PendingCheckpoint? checkpoint;
        lock (_lock)
        {
            if (!_pending.TryGetValue(checkpointId, out checkpoint) || checkpoint.Acknowledged[taskIndex])
            {
                return;
            }

            checkpoint.Acknowledged[taskIndex] = true;
            checkpoint.AcknowledgedCount++;
            checkpoint.States.AddRange(handles);
            checkpoint.StateSize += size;
            checkpoint.MaxAlignment = alignment > checkpoint.MaxAlignment ? alignment : checkpoint.MaxAlignment;
            checkpoint.MaxSynchronousDuration = synchronousDuration > checkpoint.MaxSynchronousDuration ? synchronousDuration : checkpoint.MaxSynchronousDuration;
            if (checkpoint.AcknowledgedCount < _tasks.Count)
            {
                return;
            }

            checkpoint.IsFinalizing = true;
        }

        checkpoint.TimeoutCancellation.Cancel();
        Track(CompleteAsync(checkpoint));
    }

    private async Task CompleteAsync(PendingCheckpoint checkpoint)
    {
        await _completionGate.WaitAsync().ConfigureAwait(false);
        var committed = false;
        try
        {
            if (FaultInjector.IsEnabled)
            {
                FaultInjector.Hit(CrashPoint.AfterAckBeforeComplete, "checkpoint coordinator");
            }

            var metadata = new CheckpointMetadata(checkpoint.CheckpointId, checkpoint.Kind, _jobName, checkpoint.TriggeredAt, DateTimeOffset.UtcNow, checkpoint.States.ToList(), _origin);
            await _storage.CommitAsync(checkpoint.Location!, metadata, checkpoint.IoCancellation?.Token ?? CancellationToken.None).ConfigureAwait(false);
            committed = true;
            checkpoint.IoCancellation?.Cancel(); // nothing left to write; releases its timeout timer

            List<PendingCheckpoint> subsumed;
            lock (_lock)
            {
                _lastCompletedId = Math.Max(_lastCompletedId, checkpoint.CheckpointId);
                _lastCompletedTicks = Environment.TickCount64;
                _consecutiveFailures = 0;
                _pending.Remove(checkpoint.CheckpointId);
                subsumed = _pending.Values.Where(p => p.CheckpointId < checkpoint.CheckpointId && p.Kind == CheckpointKind.Checkpoint && !p.IsFinalizing).ToList();
                foreach (var old in subsumed)
                {
                    _pending.Remove(old.CheckpointId);
                }
            }

            foreach (var old in subsumed)
            {
                Abort(old, $"subsumed by checkpoint {checkpoint.CheckpointId}", null, countAsFailure: false);
            }

            var stats = checkpoint.ToStats(CheckpointStatus.Completed, null);
            _stats.Report(stats);
            _logger.LogInformation(
                "{Kind} {Id} of job '{Job}' completed in {Duration} ms ({Size} bytes, max alignment {Alignment} ms).",
                checkpoint.Kind,
                checkpoint.CheckpointId,
                _jobName,
                (long)stats.Duration!.Value.TotalMilliseconds,
                stats.StateSize,
                (long)stats.MaxAlignment.TotalMilliseconds);

            if (FaultInjector.IsEnabled)
            {
                FaultInjector.Hit(CrashPoint.AfterCompleteBeforeNotify, "checkpoint coordinator");
            }

            // Savepoints do not commit side effects: they are not used for failover, so a sink that
            // committed at a savepoint and then failed over to an older checkpoint would duplicate output.
            // A final checkpoint is always a checkpoint.
            if (checkpoint.Kind == CheckpointKind.Checkpoint)
            {
                foreach (var task in _tasks)
                {
                    task.Post(TaskMail.CheckpointComplete(checkpoint.CheckpointId));
                }
            }

            checkpoint.Completion.TrySetResult(stats);

            if (checkpoint.Kind == CheckpointKind.Checkpoint)
            {
                try
                {
                    await _storage.PruneAsync(_config.RetainedCheckpoints, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "Pruning old checkpoints of job '{Job}' in {Storage} failed; they will be pruned after the next checkpoint.", _jobName, _storage.Description);
                }
            }
        }
        catch (InjectedFailureException ex)
        {
            ReleaseSlot(checkpoint);
            checkpoint.Completion.TrySetException(new CheckpointFailedException(checkpoint.CheckpointId, "the coordinator failed", ex));
            _failJob(ex);
        }
        catch (Exception ex) when (!committed)
        {
            ReleaseSlot(checkpoint);
            _logger.LogWarning(ex, "Committing checkpoint {Id} of job '{Job}' failed.", checkpoint.CheckpointId, _jobName);
            Abort(checkpoint, "writing _metadata failed: " + ex.Message + StorageFullHint(ex), ex, countAsFailure: true);
        }
        finally
        {
            _completionGate.Release();
        }
    }

    private void ReleaseSlot(PendingCheckpoint checkpoint)
    {
        lock (_lock)
        {
            _pending.Remove(checkpoint.CheckpointId);
        }
    }

    private void Abort(PendingCheckpoint checkpoint, string reason, Exception? cause, bool countAsFailure)
    {
        checkpoint.TimeoutCancellation.Cancel();
        checkpoint.IoCancellation?.Cancel(); // stops uploads still running for it
        var stats = checkpoint.ToStats(CheckpointStatus.Failed, reason);
        _stats.Report(stats);
        if (countAsFailure)
        {
            _logger.LogWarning("{Kind} {Id} of job '{Job}' aborted: {Reason}", checkpoint.Kind, checkpoint.CheckpointId, _jobName, reason);
        }
        else
        {
            _logger.LogDebug("{Kind} {Id} of job '{Job}' aborted: {Reason}", checkpoint.Kind, checkpoint.CheckpointId, _jobName, reason);
        }

        foreach (var task in _tasks)
        {
            task.Post(TaskMail.CheckpointAborted(checkpoint.CheckpointId));
        }

        checkpoint.Completion.TrySetException(new CheckpointFailedException(checkpoint.CheckpointId, reason, cause));
        if (checkpoint.Location is { } location)
        {
            Track(AbortStorageAsync(location));
        }

        bool failJob;
        bool retriggerFinal;
        lock (_lock)
        {
            if (countAsFailure)
            {
                _consecutiveFailures++;
            }

            failJob = countAsFailure && _consecutiveFailures > _config.TolerableCheckpointFailures && !_stopped;
            retriggerFinal = checkpoint.IsFinal && !_stopped;
        }

        if (failJob)
        {
            _failJob(new CheckpointFailedException(checkpoint.CheckpointId, $"{_consecutiveFailures} consecutive checkpoint failures exceed TolerableCheckpointFailures ({_config.TolerableCheckpointFailures}); last cause: {reason}", cause));
        }
        else if (retriggerFinal)
        {
            Track(Task.Run(async () =>
            {
                // A short pause, so a storage that keeps failing does not turn into a busy loop.
                await Task.Delay(FinalRetryDelayMilliseconds, _stop.Token).ConfigureAwait(false);
                await TriggerFinalAsync().ConfigureAwait(false);
            }));
        }
    }

    private async Task AbortStorageAsync(CheckpointLocation location)
    {
        try
        {
            await _storage.AbortAsync(location).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Discarding aborted checkpoint {Path} failed; pruning removes it later.", location.Path);
        }
    }

    private async Task PeriodicTriggerLoopAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                PendingCheckpoint? checkpoint;
                lock (_lock)
                {
                    if (_stopped || _finalRequested || _periodicSuspended)
                    {
                        return;
                    }

                    var sinceLast = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastCompletedTicks);
                    checkpoint = _pending.Count < _config.MaxConcurrentCheckpoints && sinceLast >= _config.MinPauseBetweenCheckpoints
                        ? Register(CheckpointKind.Checkpoint, null, isFinal: false)
                        : null;
                }

                if (checkpoint is not null)
                {
                    Begin(checkpoint);
                    Observe(checkpoint.Completion.Task);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TriggerFinalAsync()
    {
        try
        {
            while (true)
            {
                PendingCheckpoint? checkpoint;
                lock (_lock)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    checkpoint = _pending.Count < _config.MaxConcurrentCheckpoints ? Register(CheckpointKind.Checkpoint, null, isFinal: true) : null;
                }

                if (checkpoint is not null)
                {
                    Begin(checkpoint);
                    Observe(checkpoint.Completion.Task);
                    return;
                }

                await Task.Delay(SlotPollMilliseconds, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Called under the lock: takes an id and a concurrency slot.
    private PendingCheckpoint Register(CheckpointKind kind, string? savepointName, bool isFinal)
    {
        var checkpoint = new PendingCheckpoint(_ids.Next(), kind, savepointName, isFinal, _tasks.Count);
        checkpoint.IoCancellation = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        checkpoint.IoCancellation.CancelAfter(_config.Timeout);
        _pending.Add(checkpoint.CheckpointId, checkpoint);
        _stats.Report(checkpoint.ToStats(CheckpointStatus.InProgress, null));
        return checkpoint;
    }

    // Outside the lock: prepares the storage location, arms the timeout and asks every source task to
    // inject the barrier. Acknowledgements can only follow the source mail, so Location is set by then.
    private void Begin(PendingCheckpoint checkpoint)
    {
        try
        {
            checkpoint.Location = checkpoint.Kind == CheckpointKind.Savepoint
                ? _storage.BeginSavepoint(checkpoint.CheckpointId, checkpoint.SavepointName)
                : _storage.BeginCheckpoint(checkpoint.CheckpointId);
        }
        catch (Exception ex)
        {
            Decline(checkpoint.CheckpointId, new InvalidOperationException($"Preparing the location in {_storage.Description} failed: {ex.Message}", ex));
            return;
        }

        var timeoutToken = checkpoint.TimeoutCancellation.Token;
        Track(Task.Delay(_config.Timeout, timeoutToken).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    // The numbers tell whether data in flight is the cause: behind full channels and a slow sink every
                    // barrier can be slower than the timeout, and then no checkpoint ever completes.
                    var inFlight = _describeDataInFlight is null ? string.Empty : "; " + _describeDataInFlight();
                    Decline(checkpoint.CheckpointId, new TimeoutException($"not complete after {_config.Timeout.TotalMilliseconds} ms ({checkpoint.AcknowledgedCount}/{_tasks.Count} tasks acknowledged){inFlight}"));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default));

        var barrier = new CheckpointBarrier(checkpoint.CheckpointId, checkpoint.TriggeredAt, checkpoint.Kind, checkpoint.IsFinal);
        foreach (var task in _tasks)
        {
            if (task.IsSource)
            {
                task.Post(TaskMail.TriggerCheckpoint(barrier));
            }
        }
    }

    private void Track(Task task)
    {
        lock (_lock)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }

    // Periodic and final checkpoints have no awaiting caller; their failures are already logged.
    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// A full disk (ENOSPC) is an operator's problem, not the job's: say so, and that nothing was lost — the aborted
    /// checkpoint is discarded, older ones are kept (pruning happens only after a success) and the job goes on.
    /// </summary>
    private string StorageFullHint(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // ENOSPC is 28 on Linux and macOS (the HResult .NET gives); ERROR_DISK_FULL/ERROR_HANDLE_DISK_FULL on Windows.
            var full = OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 0x70 or 0x27 : e.HResult == 28;
            if (e is IOException && full)
            {
                return $" The checkpoint storage ({_storage.Description}) is full. This checkpoint is discarded; the previous ones are kept and the job continues. " +
                    $"Free space, or size the storage for ({_config.RetainedCheckpoints} retained + {_config.MaxConcurrentCheckpoints} in progress) checkpoints of the size shown in the checkpoint history, " +
                    "with room for a sink's uncommitted epochs: see docs/operations.md, \"Sizing the checkpoint storage\".";
            }
        }

        return string.Empty;
    }

    private static void DisposeAll(List<StateSnapshotPart> parts)
    {
        foreach (var part in parts)
        {
            part.Dispose();
        }
    }
}
