namespace StreamGen.Execution;

/// <summary>
/// A bounded FIFO of record batches and control events from one producer subtask to one consumer
/// subtask. A full channel blocks the producer: that is the backpressure that slows sources down to the
/// pace of the slowest operator. Each consumer has one channel per input, so alignment can hold one
/// input simply by not reading it.
/// </summary>
internal sealed class InputChannel<T> : IChannelFillGauge, IDebloatableChannel
{
    // Producers re-check cancellation at this interval while blocked on a full channel.
    private const int BlockedPollMilliseconds = 10;

    private readonly object _lock = new();
    private readonly ChannelElement<T>[] _ring;
    private readonly TaskWakeup _consumer;
    private int _head;
    private int _count;
    private int _queuedRecords;
    private long _recordsRead;
    private int _batchLimit = int.MaxValue;

    public InputChannel(int capacity, TaskWakeup consumer, string description)
    {
        _ring = new ChannelElement<T>[capacity];
        _consumer = consumer;
        Description = description;
    }

    public string Description { get; }

    public int Capacity => _ring.Length;

    public int Count => Volatile.Read(ref _count);

    public int QueuedRecords => Volatile.Read(ref _queuedRecords);

    public long RecordsRead => Volatile.Read(ref _recordsRead);

    /// <summary>Records per batch the producer sends; lowered by the consumer's <see cref="BufferDebloater"/>.</summary>
    public int BatchLimit => Volatile.Read(ref _batchLimit);

    public void SetBatchLimit(int records) => Volatile.Write(ref _batchLimit, records);

    /// <summary>Total time producers spent blocked on this channel because it was full.</summary>
    public long BackpressureTicks;

    /// <summary>Appends <paramref name="element"/>, blocking while the channel is full.</summary>
    public void Write(in ChannelElement<T> element, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_count == _ring.Length)
            {
                var start = Environment.TickCount64;
                while (_count == _ring.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Monitor.Wait(_lock, BlockedPollMilliseconds);
                }

                BackpressureTicks += Environment.TickCount64 - start;
            }

            _ring[(_head + _count) % _ring.Length] = element;
            _count++;
            _queuedRecords += element.Count;
        }

        _consumer.Set();
    }

    /// <summary>Takes the oldest element, if any.</summary>
    public bool TryRead(out ChannelElement<T> element)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                element = default;
                return false;
            }

            element = _ring[_head];
            _ring[_head] = default;
            _queuedRecords -= element.Count;
            _recordsRead += element.Count;
            _head = (_head + 1) % _ring.Length;
            if (_count-- == _ring.Length)
            {
                Monitor.PulseAll(_lock);
            }

            return true;
        }
    }

    /// <summary>Drains the channel, returning pooled batches; used when an attempt is torn down.</summary>
    public void Discard()
    {
        while (TryRead(out var element))
        {
            if (element.Records is not null)
            {
                RecordBatchPool<T>.Return(element.Records);
            }
        }
    }
}
