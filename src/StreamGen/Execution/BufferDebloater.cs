using System.Diagnostics;

namespace StreamGen.Execution;

/// <summary>
/// Bounds a task's input data in flight by time rather than by count, as Flink's buffer debloating does. A barrier
/// queues behind every record already in a channel, so a checkpoint lasts about <i>queued records ÷ consumer
/// throughput</i> per unchained stage; with fixed channels a slow consumer makes that minutes. Every
/// <see cref="Period"/> the task's busy throughput is measured and each input channel's batch size is set so that
/// all its channels together hold about the target time's worth of records: <i>throughput × target ÷ (channels ×
/// capacity)</i> records per batch, between 1 and the configured batch size. A fast consumer keeps full batches.
/// </summary>
internal sealed class BufferDebloater
{
    /// <summary>How often throughput is measured and batch sizes adjusted (Flink's default period).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    // Weight of the newest measurement: about five periods (one second) of memory, so a single slow batch (a GC
    // pause, one long sink call) does not collapse the buffers, while a lasting change is followed within a second.
    private const double Smoothing = 0.3;

    private readonly IDebloatableChannel[] _channels;
    private readonly TimeSpan? _target;
    private readonly int _maxBatchSize;
    private readonly int _buffersInFlight;
    private readonly ThroughputCalculator _throughput = new();
    private long _nextUpdate;
    private long _lastRecordsRead;
    private double _recordsPerSecond = -1;

    /// <param name="channels">The task's input channels.</param>
    /// <param name="target">Time of data in flight to aim for; null measures only (for diagnostics).</param>
    /// <param name="maxBatchSize">The configured batch size, never exceeded.</param>
    public BufferDebloater(IDebloatableChannel[] channels, TimeSpan? target, int maxBatchSize)
    {
        _channels = channels;
        _target = target;
        _maxBatchSize = maxBatchSize;
        _buffersInFlight = Math.Max(1, channels.Sum(c => c.Capacity));
        _nextUpdate = Stopwatch.GetTimestamp() + (long)(Period.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Smoothed records per second the task consumed while busy; negative before the first measurement.</summary>
    public double RecordsPerSecond => Volatile.Read(ref _recordsPerSecond);

    /// <summary>Records queued in the task's input channels now.</summary>
    public long QueuedRecords => _channels.Sum(c => (long)c.QueuedRecords);

    /// <summary>The task waits for input: not busy.</summary>
    public void PauseMeasurement() => _throughput.PauseMeasurement();

    public void ResumeMeasurement() => _throughput.ResumeMeasurement();

    /// <summary>Called from the task loop; measures and adjusts once per <see cref="Period"/>.</summary>
    public void Update()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _nextUpdate)
        {
            return;
        }

        _nextUpdate = now + (long)(Period.TotalSeconds * Stopwatch.Frequency);
        long read = 0;
        foreach (var channel in _channels)
        {
            read += channel.RecordsRead;
        }

        var records = read - _lastRecordsRead;
        _lastRecordsRead = read;
        var busy = _throughput.TakeBusyTime();
        if (busy < Period / 10)
        {
            return; // mostly idle: too little work to measure, and nothing queues up anyway
        }

        var sample = records / busy.TotalSeconds;
        var smoothed = _recordsPerSecond < 0 ? sample : (Smoothing * sample) + ((1 - Smoothing) * _recordsPerSecond);
        Volatile.Write(ref _recordsPerSecond, smoothed);
        if (_target is not { } target)
        {
            return;
        }

        var batch = (int)Math.Clamp(Math.Ceiling(smoothed * target.TotalSeconds / _buffersInFlight), 1, _maxBatchSize);
        foreach (var channel in _channels)
        {
            channel.SetBatchLimit(batch);
        }
    }
}
