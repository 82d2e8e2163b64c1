using System.Globalization;
using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Diagnostics;
using StreamGen.Execution;
using StreamGen.Graph;
using StreamGen.Storage;

namespace StreamGen.Recovery;

/// <summary>
/// One run of the job's tasks, from a restored checkpoint (or empty state) until the job finishes or a
/// failure cancels every task. A restart builds a new attempt: fresh operators, channels and coordinator.
/// </summary>
internal sealed class JobAttempt : ITaskEnvironment
{
    private readonly JobGraph _graph;
    private readonly JobExecutionOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _cancellation;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<StreamTask> _tasks = new();
    private readonly List<EdgeChannels> _channels = new();
    private readonly List<TaskWakeup> _wakeups = new();
    private Exception? _failure;

    public JobAttempt(JobGraph graph, JobExecutionOptions options, RestoredCheckpoint? restored, CheckpointOrigin? origin, int attemptNumber, CheckpointIdCounter ids, CheckpointStatsTracker stats, CancellationToken jobCancellation, ILoggerFactory loggerFactory, ILogger logger)
    {
        _graph = graph;
        _options = options;
        _loggerFactory = loggerFactory;
        AttemptNumber = attemptNumber;
        Logger = logger;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(jobCancellation);
        BufferTimeoutMilliseconds = (int)options.BufferTimeout.TotalMilliseconds;

        var assignment = StateAssignment.Create(graph, restored, options.AllowNonRestoredState, logger);
        Build(assignment);
        Coordinator = new CheckpointCoordinator(graph.Name, options.Checkpointing, options.Storage!, _tasks, stats, ids, Fail, logger, origin, DescribeDataInFlight);
    }

    public int AttemptNumber { get; }

    public CancellationToken Cancellation => _cancellation.Token;

    public ILogger Logger { get; }

    public int BufferTimeoutMilliseconds { get; }

    public CheckpointCoordinator Coordinator { get; }

    public IReadOnlyList<StreamTask> Tasks => _tasks;

    public IEnumerable<IChannelFillGauge> Gauges => _channels.SelectMany(c => c.Gauges);

    /// <summary>Runs the tasks; returns null when the job finished, or the failure that ended the attempt.</summary>
    public async Task<Exception?> RunAsync()
    {
        Coordinator.Start();
        foreach (var task in _tasks)
        {
            task.Start();
        }

        var all = Task.WhenAll(_tasks.Select(t => t.Completion));
        await Task.WhenAny(all, _failed.Task).ConfigureAwait(false);
        if (_failed.Task.IsCompleted || _cancellation.IsCancellationRequested)
        {
            await _cancellation.CancelAsync().ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
        await Coordinator.StopAsync().ConfigureAwait(false);
        foreach (var channels in _channels)
        {
            channels.Discard();
        }

        foreach (var wakeup in _wakeups)
        {
            wakeup.Dispose();
        }

        return Volatile.Read(ref _failure) ?? (_cancellation.IsCancellationRequested ? new OperationCanceledException("The job was cancelled.") : null);
    }

    /// <summary>Fails the attempt: the first failure wins, every task is cancelled.</summary>
    public void Fail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _failure, exception, null) is null)
        {
            _failed.TrySetResult();
            _cancellation.Cancel();
        }
    }

    public void Cancel() => _cancellation.Cancel();

    public void ReportFailure(StreamTask task, Exception exception) => Fail(exception);

    public void ReportSourceFinished(StreamTask task) => Coordinator.OnSourceFinished();

    public void CompleteSnapshotAsynchronously(StreamTask task, CheckpointBarrier barrier, List<StateSnapshotPart> parts, TimeSpan alignment, TimeSpan synchronousDuration)
        => Coordinator.CompleteSnapshotAsynchronously(task, barrier, parts, alignment, synchronousDuration);

    public void DeclineCheckpoint(StreamTask task, long checkpointId, Exception cause) => Coordinator.Decline(checkpointId, cause);

    /// <summary>
    /// Why a barrier may be slow, in numbers, for the message of a checkpoint that timed out: records queued ahead of
    /// the barriers and the task that needs longest to consume its queue at its measured rate.
    /// </summary>
    private string DescribeDataInFlight()
    {
        long queued = 0;
        var stalled = 0;
        (StreamTask Task, long Queued, double Rate, double Seconds)? slowest = null;
        foreach (var task in _tasks)
        {
            if (task.Debloater is not { } debloater)
            {
                continue;
            }

            var records = debloater.QueuedRecords;
            queued += records;
            var rate = debloater.RecordsPerSecond;
            if (records == 0 || rate < 0)
            {
                continue; // nothing queued, or not measured yet
            }

            if (rate < 1)
            {
                stalled++; // blocked on its own output, or inside one long call
                continue;
            }

            var seconds = records / rate;
            if (slowest is null || seconds > slowest.Value.Seconds)
            {
                slowest = (task, records, rate, seconds);
            }
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{queued} records were queued in the channels");
        if (slowest is { } s)
        {
            text += string.Create(
                CultureInfo.InvariantCulture,
                $"; task {s.Task.Name} alone had {s.Queued} queued and consumes {s.Rate:F0} records/s, so a barrier waits about {s.Seconds:F1} s behind them");
        }

        if (stalled > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; {stalled} task(s) with queued input consumed nothing lately");
        }

        var target = _options.BufferDebloatTarget is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F0} ms") : "off";
        return text + string.Create(
            CultureInfo.InvariantCulture,
            $". A barrier needs about (records in flight ÷ sink rate) per unchained stage; the checkpoint timeout is {_options.Checkpointing.Timeout.TotalMilliseconds:F0} ms, buffer debloating is {target} (BufferDebloatTarget), ChannelCapacity {_options.ChannelCapacity}, BatchSize {_options.BatchSize}. Raise the timeout or lower BufferDebloatTarget; see docs/checkpointing.md, \"Sizing\".");
    }

    private void Build(StateAssignment assignment)
    {
        var build = new TaskBuildContext(_graph.Name, _options.BatchSize, _options.Checkpointing, _loggerFactory, Cancellation, () => Coordinator.RequestCheckpoint());
        var wakeups = new Dictionary<OperatorChain, TaskWakeup[]>();
        foreach (var chain in _graph.Chains)
        {
            var array = new TaskWakeup[chain.Parallelism];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = new TaskWakeup();
                _wakeups.Add(array[i]);
            }

            wakeups[chain] = array;
        }

        var chainOf = _graph.Chains.SelectMany(c => c.Nodes.Select(n => (Node: n, Chain: c))).ToDictionary(x => x.Node, x => x.Chain);
        var edgeChannels = new Dictionary<StreamEdge, EdgeChannels>();
        foreach (var node in _graph.Nodes)
        {
            foreach (var edge in node.Inputs.Where(e => !e.IsChained))
            {
                var channels = edge.CreateChannels(_options.ChannelCapacity, wakeups[chainOf[node]]);
                edgeChannels[edge] = channels;
                _channels.Add(channels);
            }
        }

        foreach (var chain in _graph.Chains)
        {
            for (var subtask = 0; subtask < chain.Parallelism; subtask++)
            {
                var writers = chain.Tail.Outputs.Select(e => e.CreateWriter(edgeChannels[e], subtask, _options.BatchSize, _graph.MaxParallelism, Cancellation)).ToArray();
                var output = chain.Tail.IsSink ? null : chain.Tail.CreateFanOut(writers.Cast<object>().ToList());
                var operators = new ChainedOperator[chain.Nodes.Count];
                var restore = new SubtaskRestoreState?[chain.Nodes.Count];
                for (var i = chain.Nodes.Count - 1; i >= 0; i--)
                {
                    var node = chain.Nodes[i];
                    var context = new OperatorRuntimeContext(node.OperatorId, node.Name, subtask, node.ResolvedParallelism, _graph.MaxParallelism, AttemptNumber);
                    operators[i] = node.CreateOperator(context, output, build);
                    output = operators[i];
                    restore[i] = assignment.For(node, subtask);
                }

                var debloater = chain.Head.IsSource
                    ? null
                    : new BufferDebloater(chain.Head.Inputs.SelectMany(e => edgeChannels[e].DebloatableChannels(subtask)).ToArray(), _options.BufferDebloatTarget, _options.BatchSize);
                var task = new StreamTask($"{chain.Name} ({subtask + 1}/{chain.Parallelism})", _tasks.Count, chain.Head.IsSource, operators, restore, writers, wakeups[chain][subtask], debloater);
                var input = chain.Head.CreateInput(chain.Head.Inputs.Select(e => edgeChannels[e]).ToList(), subtask, operators[0], _options.Checkpointing.Mode, task);
                task.Bind(input, this);
                _tasks.Add(task);
            }
        }
    }
}
