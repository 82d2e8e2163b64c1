using System.Diagnostics;

namespace StreamGen.Execution;

/// <summary>
/// Measures how fast a task consumes its input while it is busy. Time the task spends waiting for input does not
/// count: a task that is idle because its producers are slow would otherwise look slow itself and shrink its
/// buffers for no reason.
/// </summary>
internal sealed class ThroughputCalculator
{
    private long _start = Stopwatch.GetTimestamp();
    private long _idle;
    private long _idleSince = -1;

    public void PauseMeasurement() => _idleSince = Stopwatch.GetTimestamp();

    public void ResumeMeasurement()
    {
        if (_idleSince >= 0)
        {
            _idle += Stopwatch.GetTimestamp() - _idleSince;
            _idleSince = -1;
        }
    }

    /// <summary>Busy time since the last call, and starts a new measurement.</summary>
    public TimeSpan TakeBusyTime()
    {
        var now = Stopwatch.GetTimestamp();
        var busy = now - _start - _idle;
        _start = now;
        _idle = 0;
        return Stopwatch.GetElapsedTime(0, Math.Max(0, busy));
    }
}
