using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>A <c>KeyBy</c> edge: records are routed by key group and carry key and key group.</summary>
internal sealed class KeyByEdge<TKey, T> : StreamEdge
    where TKey : notnull
{
    private readonly Func<T, TKey> _keySelector;

    public KeyByEdge(StreamNode source, StreamNode target, Func<T, TKey> keySelector)
        : base(source, target)
    {
        _keySelector = keySelector;
    }

    public override bool IsKeyed => true;

    public override EdgeChannels CreateChannels(int capacity, IReadOnlyList<TaskWakeup> consumerWakeups)
        => EdgeChannels<KeyedRecord<TKey, T>>.Create(this, capacity, consumerWakeups);

    public override IChannelWriter CreateWriter(EdgeChannels channels, int producerIndex, int batchSize, int maxParallelism, CancellationToken cancellationToken)
        => new KeyedRecordWriter<TKey, T>(((EdgeChannels<KeyedRecord<TKey, T>>)channels).ForProducer(producerIndex), batchSize, _keySelector, maxParallelism, Target.Name, cancellationToken);
}
