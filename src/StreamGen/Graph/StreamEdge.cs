using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>
/// A connection between two nodes. A chained edge becomes a direct call; any other edge becomes one
/// <see cref="InputChannel{T}"/> per producer/consumer pair it connects (forward: subtask i to subtask i;
/// rebalance and key-by: all to all).
/// </summary>
internal abstract class StreamEdge
{
    protected StreamEdge(StreamNode source, StreamNode target)
    {
        Source = source;
        Target = target;
    }

    public StreamNode Source { get; }

    public StreamNode Target { get; }

    public abstract bool IsKeyed { get; }

    /// <summary>Decided when the job graph is built: equal parallelism and not keyed.</summary>
    public bool IsForward { get; set; }

    /// <summary>Decided when the job graph is built.</summary>
    public bool IsChained { get; set; }

    public string Partitioning => IsChained ? "chained" : IsKeyed ? "hash(key group)" : IsForward ? "forward" : "rebalance";

    public abstract EdgeChannels CreateChannels(int capacity, IReadOnlyList<TaskWakeup> consumerWakeups);

    /// <summary>Creates producer subtask <paramref name="producerIndex"/>'s writer: an <c>IOutput&lt;T&gt;</c> and <see cref="IChannelWriter"/>.</summary>
    public abstract IChannelWriter CreateWriter(EdgeChannels channels, int producerIndex, int batchSize, int maxParallelism, CancellationToken cancellationToken);
}
