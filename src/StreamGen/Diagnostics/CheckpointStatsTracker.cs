namespace StreamGen.Diagnostics;

/// <summary>Keeps the checkpoint history of a job across its attempts, and reports it as metrics. Thread-safe.</summary>
internal sealed class CheckpointStatsTracker(string jobName)
{
    private const int HistorySize = 100;
    private readonly object _lock = new();
    private readonly LinkedList<CheckpointStats> _history = new();
    private readonly Dictionary<long, LinkedListNode<CheckpointStats>> _byId = new();
    private long _completed;
    private long _failed;
    private CheckpointStats? _latestCompleted;
    private CheckpointStats? _latestFailed;
    private RestoreInfo? _latestRestore;

    public void Report(CheckpointStats stats)
    {
        lock (_lock)
        {
            if (_byId.TryGetValue(stats.CheckpointId, out var node))
            {
                node.Value = stats;
            }
            else
            {
                _byId[stats.CheckpointId] = _history.AddFirst(stats);
                if (_history.Count > HistorySize)
                {
                    _byId.Remove(_history.Last!.Value.CheckpointId);
                    _history.RemoveLast();
                }
            }

            switch (stats.Status)
            {
                case CheckpointStatus.Completed:
                    _completed++;
                    _latestCompleted = stats;
                    StreamGenMetrics.CheckpointCompleted(jobName, stats);
                    break;
                case CheckpointStatus.Failed:
                    _failed++;
                    _latestFailed = stats;
                    StreamGenMetrics.CheckpointFailed(jobName, stats);
                    break;
            }
        }
    }

    public void ReportRestore(RestoreInfo restore)
    {
        lock (_lock)
        {
            _latestRestore = restore;
        }
    }

    public CheckpointStatsSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new CheckpointStatsSnapshot(
                _completed,
                _failed,
                _history.Count(s => s.Status == CheckpointStatus.InProgress),
                _latestCompleted,
                _latestFailed,
                _latestRestore,
                _history.ToList());
        }
    }
}
