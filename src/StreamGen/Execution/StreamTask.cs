using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.FaultInjection;

namespace StreamGen.Execution;

/// <summary>
/// One parallel subtask of a chain of operators, run by its own long-running thread: the head (a source
/// reader or input channels) feeds the chained operators by direct calls; the tail writes to the output
/// channels. Between input batches the loop runs mail from the coordinator (barrier injection,
/// checkpoint-complete notifications), so every operator is single-threaded.
/// </summary>
internal sealed class StreamTask
{
    // Polling cadence when a source reports no data, and the longest sleep of an idle task
    // (inputs and mail wake it earlier).
    private const int IdleSourceWaitMilliseconds = 1;
    private const int IdleWaitMilliseconds = 100;

    private readonly ChainedOperator[] _chain;
    private readonly SubtaskRestoreState?[] _restore;
    private readonly IChannelWriter[] _writers;
    private readonly TaskWakeup _wakeup;
    private readonly BufferDebloater? _debloater;
    private readonly ConcurrentQueue<TaskMail> _mailbox = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITaskInput _input = null!;
    private ITaskEnvironment _environment = null!;
    private long _lastFlush;
    private long _lastSnapshotId = -1;
    private long _lastCompletedId = -1;
    private long _finalCheckpointId = -1;
    private bool _inputFinished;
    private bool _closed;

    public StreamTask(string name, int index, bool isSource, ChainedOperator[] chain, SubtaskRestoreState?[] restore, IChannelWriter[] writers, TaskWakeup wakeup, BufferDebloater? debloater = null)
    {
        Name = name;
        Index = index;
        IsSource = isSource;
        _chain = chain;
        _restore = restore;
        _writers = writers;
        _wakeup = wakeup;
        _debloater = debloater;
    }

    public string Name { get; }

    /// <summary>Position among the attempt's tasks; acknowledgements are tracked by it.</summary>
    public int Index { get; }

    public bool IsSource { get; }

    /// <summary>Measures the input throughput and sizes the input batches of a task fed by channels; null for sources.</summary>
    public BufferDebloater? Debloater => _debloater;

    public IReadOnlyList<ChainedOperator> Chain => _chain;

    /// <summary>Cancelled when the attempt is torn down; the input checks it between batches.</summary>
    public CancellationToken Cancellation => _environment.Cancellation;

    /// <summary>Completes when the thread has exited (normally or not).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Wires the head; separate from the constructor because the head is built from the chain.</summary>
    public void Bind(ITaskInput input, ITaskEnvironment environment)
    {
        _input = input;
        _environment = environment;
    }

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = $"StreamGen {Name}" };
        thread.Start();
    }

    public void Post(TaskMail mail)
    {
        _mailbox.Enqueue(mail);
        _wakeup.Set();
    }

    private void Run()
    {
        var cancellation = _environment.Cancellation;
        try
        {
            RestoreAndOpen();
            _lastFlush = Environment.TickCount64;
            while (true)
            {
                // A failed attempt stops within one input batch: with full input queues and a slow operator, a
                // task that checked only while waiting would drain every queue before the restart could begin.
                cancellation.ThrowIfCancellationRequested();
                _wakeup.Reset();
                RunMail();
                if (_inputFinished)
                {
                    if (ReadyToFinish())
                    {
                        break;
                    }

                    _wakeup.Wait(IdleWaitMilliseconds, cancellation);
                    continue;
                }

                var status = _input.ProcessAvailable();
                _debloater?.Update();
                if (FaultInjector.IsEnabled)
                {
                    FaultInjector.Hit(CrashPoint.MidEpoch, Name);
                }

                switch (status)
                {
                    case InputStatus.MoreAvailable:
                        if (Environment.TickCount64 - _lastFlush >= _environment.BufferTimeoutMilliseconds)
                        {
                            FlushOutputs();
                        }

                        break;
                    case InputStatus.NothingAvailable:
                        FlushOutputs();
                        _debloater?.PauseMeasurement();
                        _wakeup.Wait(IsSource ? IdleSourceWaitMilliseconds : IdleWaitMilliseconds, cancellation);
                        _debloater?.ResumeMeasurement();
                        break;
                    default:
                        _inputFinished = true;
                        FlushOutputs();
                        if (IsSource)
                        {
                            _environment.ReportSourceFinished(this);
                        }

                        break;
                }
            }

            foreach (var op in _chain)
            {
                op.EndInput();
            }

            FlushOutputs();
            foreach (var writer in _writers)
            {
                writer.BroadcastEndOfInput();
            }

            CloseChain(throwOnError: true);
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            CloseChain(throwOnError: false);
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            _environment.Logger.LogError(ex, "Task {Task} failed.", Name);
            CloseChain(throwOnError: false);
            _environment.ReportFailure(this, ex);
            _completion.TrySetResult();
        }
    }

    private void RestoreAndOpen()
    {
        for (var i = 0; i < _chain.Length; i++)
        {
            if (_restore[i] is { } state)
            {
                if (FaultInjector.IsEnabled)
                {
                    FaultInjector.Hit(CrashPoint.DuringRestore, _chain[i].Description);
                }

                _chain[i].Restore(state);
            }
        }

        // Downstream operators open first, so an operator that emits in Open finds its output ready.
        for (var i = _chain.Length - 1; i >= 0; i--)
        {
            _chain[i].Open();
        }
    }

    // A task may stop only after the checkpoint covering its last records has completed and been
    // delivered: sources send end-of-input only after the final checkpoint completed, so the
    // notification is already posted or about to be.
    private bool ReadyToFinish()
    {
        if (IsSource)
        {
            return _finalCheckpointId >= 0 && _lastCompletedId >= _finalCheckpointId;
        }

        return _lastCompletedId >= _lastSnapshotId;
    }

    private void RunMail()
    {
        while (_mailbox.TryDequeue(out var mail))
        {
            switch (mail.Kind)
            {
                case TaskMailKind.TriggerCheckpoint:
                    var barrier = mail.Barrier!;
                    PerformCheckpoint(barrier, TimeSpan.Zero);
                    if (barrier.IsFinal)
                    {
                        _finalCheckpointId = barrier.CheckpointId;
                    }

                    break;
                case TaskMailKind.CheckpointComplete:
                    if (mail.CheckpointId > _lastCompletedId)
                    {
                        _lastCompletedId = mail.CheckpointId;
                        foreach (var op in _chain)
                        {
                            op.NotifyCheckpointComplete(mail.CheckpointId);
                        }
                    }

                    break;
                case TaskMailKind.CheckpointAborted:
                    _input.AbortAlignment(mail.CheckpointId);
                    foreach (var op in _chain)
                    {
                        op.NotifyCheckpointAborted(mail.CheckpointId);
                    }

                    if (_lastSnapshotId == mail.CheckpointId && _lastCompletedId < mail.CheckpointId && _inputFinished && !IsSource)
                    {
                        // Nothing follows end-of-input; an aborted last checkpoint must not keep the task alive.
                        _lastSnapshotId = _lastCompletedId;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The synchronous part of a checkpoint, on the task thread: pre-commit and freeze the state of every
    /// chained operator, forward the barrier, then hand the frozen state to the asynchronous part.
    /// </summary>
    public void PerformCheckpoint(CheckpointBarrier barrier, TimeSpan alignment)
    {
        var start = Stopwatch.GetTimestamp();
        var parts = new List<StateSnapshotPart>(_chain.Length);
        try
        {
            foreach (var op in _chain)
            {
                op.PrepareSnapshot(barrier.CheckpointId);
            }

            foreach (var op in _chain)
            {
                op.SnapshotState(barrier.CheckpointId, parts);
            }
        }
        catch
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }

            throw;
        }

        // Everything emitted before the barrier (including by PrepareSnapshot) goes out ahead of it.
        foreach (var op in _chain)
        {
            op.Flush();
        }

        foreach (var writer in _writers)
        {
            writer.BroadcastBarrier(barrier);
        }

        _lastFlush = Environment.TickCount64;
        _lastSnapshotId = barrier.CheckpointId;
        _environment.CompleteSnapshotAsynchronously(this, barrier, parts, alignment, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>A newer barrier overtook an unfinished alignment: this task will never acknowledge it.</summary>
    public void DeclineCheckpoint(long checkpointId, string reason)
        => _environment.DeclineCheckpoint(this, checkpointId, new InvalidOperationException($"Task {Name} abandoned checkpoint {checkpointId}: {reason}"));

    private void FlushOutputs()
    {
        foreach (var op in _chain)
        {
            op.Flush();
        }

        foreach (var writer in _writers)
        {
            writer.Flush();
        }

        _lastFlush = Environment.TickCount64;
    }

    private void CloseChain(bool throwOnError)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        Exception? first = null;
        foreach (var op in _chain)
        {
            try
            {
                op.Close();
            }
            catch (Exception ex)
            {
                first ??= ex;
                _environment.Logger.LogWarning(ex, "Closing {Operator} in task {Task} failed.", op.Description, Name);
            }
        }

        if (throwOnError && first is not null)
        {
            throw first;
        }
    }
}
