using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>
/// Collects records into one pooled batch per target channel and hands full batches to the channel.
/// Only the producing task's thread touches it.
/// </summary>
internal abstract class ChannelWriter<TElement> : IChannelWriter
{
    private readonly InputChannel<TElement>[] _targets;
    private readonly TElement[]?[] _buffers;
    private readonly int[] _counts;
    private readonly int[] _limits;
    private readonly int _batchSize;
    private readonly CancellationToken _cancellationToken;

    protected ChannelWriter(InputChannel<TElement>[] targets, int batchSize, CancellationToken cancellationToken)
    {
        _targets = targets;
        _buffers = new TElement[]?[targets.Length];
        _counts = new int[targets.Length];
        _limits = new int[targets.Length];
        _batchSize = batchSize;
        _cancellationToken = cancellationToken;
    }

    protected int TargetCount => _targets.Length;

    protected void Add(int target, TElement element)
    {
        var buffer = _buffers[target];
        if (buffer is null)
        {
            buffer = _buffers[target] = RecordBatchPool<TElement>.Rent(_batchSize);

            // The consumer's debloater may have shrunk the batches; read once per batch, not per record.
            _limits[target] = Math.Min(_batchSize, _targets[target].BatchLimit);
        }

        var count = _counts[target];
        buffer[count++] = element;
        if (count >= _limits[target])
        {
            _buffers[target] = null;
            _counts[target] = 0;
            _targets[target].Write(ChannelElement<TElement>.ForRecords(buffer, count), _cancellationToken);
        }
        else
        {
            _counts[target] = count;
        }
    }

    public void Flush()
    {
        for (var i = 0; i < _targets.Length; i++)
        {
            var buffer = _buffers[i];
            if (buffer is not null && _counts[i] > 0)
            {
                _buffers[i] = null;
                var count = _counts[i];
                _counts[i] = 0;
                _targets[i].Write(ChannelElement<TElement>.ForRecords(buffer, count), _cancellationToken);
            }
        }
    }

    public void BroadcastBarrier(CheckpointBarrier barrier)
    {
        Flush();
        for (var i = 0; i < _targets.Length; i++)
        {
            _targets[i].Write(ChannelElement<TElement>.ForBarrier(barrier), _cancellationToken);
        }
    }

    public void BroadcastEndOfInput()
    {
        Flush();
        for (var i = 0; i < _targets.Length; i++)
        {
            _targets[i].Write(ChannelElement<TElement>.EndOfInput(), _cancellationToken);
        }
    }

    /// <summary>Returns unsent batches to the pool when an attempt is torn down.</summary>
    public void Discard()
    {
        for (var i = 0; i < _buffers.Length; i++)
        {
            if (_buffers[i] is { } buffer)
            {
                RecordBatchPool<TElement>.Return(buffer);
                _buffers[i] = null;
                _counts[i] = 0;
            }
        }
    }
}
