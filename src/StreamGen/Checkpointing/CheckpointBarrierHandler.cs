using System.Diagnostics;

namespace StreamGen.Checkpointing;

/// <summary>
/// Tracks barriers across the input channels of one task. In <see cref="CheckpointingMode.ExactlyOnce"/>
/// a channel that delivered barrier <c>n</c> is blocked (not read) until every live channel delivered it
/// (alignment); in <see cref="CheckpointingMode.AtLeastOnce"/> nothing is blocked and the snapshot is taken
/// when the last barrier arrives. Only the task thread calls it.
/// </summary>
internal sealed class CheckpointBarrierHandler
{
    private readonly bool _align;
    private readonly bool[] _received;
    private readonly bool[] _finished;
    private int _finishedCount;
    private long _currentId = -1;
    private long _abortedUpTo = -1;
    private int _arrived;
    private bool _inProgress;
    private long _alignmentStart;

    public CheckpointBarrierHandler(int channelCount, CheckpointingMode mode)
    {
        _align = mode == CheckpointingMode.ExactlyOnce;
        _received = new bool[channelCount];
        _finished = new bool[channelCount];
    }

    /// <summary>Duration of the last completed alignment (first barrier to last barrier).</summary>
    public TimeSpan LastAlignmentDuration { get; private set; }

    /// <summary>The checkpoint currently being aligned, or -1.</summary>
    public long PendingCheckpointId => _inProgress ? _currentId : -1;

    public bool AllFinished => _finishedCount == _finished.Length;

    /// <summary>Whether channel <paramref name="channel"/> must not be read now.</summary>
    public bool IsBlocked(int channel) => _finished[channel] || (_align && _inProgress && _received[channel]);

    /// <summary>
    /// Registers barrier <paramref name="checkpointId"/> from <paramref name="channel"/>. Returns true when
    /// it was the last one needed: the task snapshots now. <paramref name="abandonedId"/> is set (else -1)
    /// when a newer barrier overtook an unfinished alignment, whose checkpoint this task cannot complete.
    /// </summary>
    public bool OnBarrier(int channel, long checkpointId, out long abandonedId)
    {
        abandonedId = -1;
        if (checkpointId <= _abortedUpTo || checkpointId < _currentId || (checkpointId == _currentId && (!_inProgress || _received[channel])))
        {
            // A barrier of a checkpoint already snapshotted or abandoned here.
            return false;
        }

        if (checkpointId > _currentId)
        {
            if (_inProgress)
            {
                abandonedId = _currentId;
            }

            Array.Clear(_received);
            _currentId = checkpointId;
            _arrived = 0;
            _inProgress = true;
            _alignmentStart = Stopwatch.GetTimestamp();
        }

        _received[channel] = true;
        _arrived++;
        return TryComplete();
    }

    /// <summary>
    /// Channel <paramref name="channel"/> ended. A pending alignment no longer waits for it; returns true
    /// if that completes the alignment.
    /// </summary>
    public bool OnEndOfInput(int channel)
    {
        if (_finished[channel])
        {
            return false;
        }

        _finished[channel] = true;
        _finishedCount++;
        if (_inProgress && _received[channel])
        {
            _arrived--;
        }

        return _inProgress && TryComplete();
    }

    /// <summary>The coordinator aborted <paramref name="checkpointId"/>: release the channels held for it.</summary>
    public void Abort(long checkpointId)
    {
        _abortedUpTo = Math.Max(_abortedUpTo, checkpointId);
        if (_inProgress && checkpointId >= _currentId)
        {
            _inProgress = false;
            Array.Clear(_received);
            _arrived = 0;
        }
    }

    private bool TryComplete()
    {
        if (_arrived < _received.Length - _finishedCount)
        {
            return false;
        }

        _inProgress = false;
        Array.Clear(_received);
        _arrived = 0;
        LastAlignmentDuration = Stopwatch.GetElapsedTime(_alignmentStart);
        return true;
    }
}
