namespace StreamGen.Graph;

/// <summary>The end of a stream: configures the sink operator.</summary>
public sealed class DataStreamSink
{
    private readonly StreamNode _node;

    internal DataStreamSink(StreamNode node) => _node = node;

    /// <summary>Sets the stable id the sink's state (e.g. pending transactions) is matched by on restore.</summary>
    public DataStreamSink Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        _node.Uid = uid;
        return this;
    }

    /// <summary>Sets the name shown in logs, metrics and errors.</summary>
    public DataStreamSink Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _node.Name = name;
        return this;
    }

    /// <summary>Sets the number of parallel sink subtasks.</summary>
    public DataStreamSink Parallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _node.Parallelism = parallelism;
        return this;
    }
}
