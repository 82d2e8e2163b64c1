using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>The channels of one edge in one job attempt.</summary>
internal abstract class EdgeChannels
{
    public abstract IEnumerable<IChannelFillGauge> Gauges { get; }

    /// <summary>The channels one consumer subtask reads, for its <see cref="BufferDebloater"/>.</summary>
    public abstract IEnumerable<IDebloatableChannel> DebloatableChannels(int consumer);

    public abstract void Discard();
}

/// <summary>The channels of one edge, indexed [producer subtask, consumer subtask]; null where forward edges do not connect.</summary>
internal sealed class EdgeChannels<TElement> : EdgeChannels
{
    private readonly InputChannel<TElement>?[,] _channels;

    private EdgeChannels(InputChannel<TElement>?[,] channels) => _channels = channels;

    public static EdgeChannels<TElement> Create(StreamEdge edge, int capacity, IReadOnlyList<TaskWakeup> consumerWakeups)
    {
        var producers = edge.Source.ResolvedParallelism;
        var consumers = edge.Target.ResolvedParallelism;
        var channels = new InputChannel<TElement>?[producers, consumers];
        for (var p = 0; p < producers; p++)
        {
            for (var c = 0; c < consumers; c++)
            {
                if (!edge.IsForward || p == c)
                {
                    channels[p, c] = new InputChannel<TElement>(capacity, consumerWakeups[c], $"{edge.Source.Name}[{p}] -> {edge.Target.Name}[{c}]");
                }
            }
        }

        return new EdgeChannels<TElement>(channels);
    }

    /// <summary>The channels one producer writes, indexed by consumer subtask (a single one for forward edges).</summary>
    public InputChannel<TElement>[] ForProducer(int producer)
    {
        var list = new List<InputChannel<TElement>>();
        for (var c = 0; c < _channels.GetLength(1); c++)
        {
            if (_channels[producer, c] is { } channel)
            {
                list.Add(channel);
            }
        }

        return list.ToArray();
    }

    /// <summary>The channels one consumer reads, in producer order.</summary>
    public IEnumerable<InputChannel<TElement>> ForConsumer(int consumer)
    {
        for (var p = 0; p < _channels.GetLength(0); p++)
        {
            if (_channels[p, consumer] is { } channel)
            {
                yield return channel;
            }
        }
    }

    public override IEnumerable<IDebloatableChannel> DebloatableChannels(int consumer) => ForConsumer(consumer);

    public override IEnumerable<IChannelFillGauge> Gauges => _channels.Cast<InputChannel<TElement>?>().Where(c => c is not null)!;

    public override void Discard()
    {
        foreach (var channel in _channels)
        {
            channel?.Discard();
        }
    }
}
