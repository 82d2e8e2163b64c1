using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>A non-keyed edge carrying <typeparamref name="T"/> as is.</summary>
internal sealed class ForwardOrRebalanceEdge<T> : StreamEdge
{
    public ForwardOrRebalanceEdge(StreamNode source, StreamNode target)
        : base(source, target)
    {
    }

    public override bool IsKeyed => false;

    public override EdgeChannels CreateChannels(int capacity, IReadOnlyList<TaskWakeup> consumerWakeups)
        => EdgeChannels<T>.Create(this, capacity, consumerWakeups);

    public override IChannelWriter CreateWriter(EdgeChannels channels, int producerIndex, int batchSize, int maxParallelism, CancellationToken cancellationToken)
        => new RecordWriter<T>(((EdgeChannels<T>)channels).ForProducer(producerIndex), batchSize, producerIndex, cancellationToken);
}
