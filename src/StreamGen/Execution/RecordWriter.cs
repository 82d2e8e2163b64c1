namespace StreamGen.Execution;

/// <summary>
/// Writes a non-keyed edge: forward (a single target, the consumer subtask with the producer's index)
/// or rebalance (round-robin over all consumer subtasks).
/// </summary>
internal sealed class RecordWriter<T> : ChannelWriter<T>, IOutput<T>
{
    private int _next;

    public RecordWriter(InputChannel<T>[] targets, int batchSize, int startIndex, CancellationToken cancellationToken)
        : base(targets, batchSize, cancellationToken)
    {
        _next = startIndex % targets.Length;
    }

    public void Collect(T record)
    {
        var target = _next;
        if (++_next == TargetCount)
        {
            _next = 0;
        }

        Add(target, record);
    }
}
