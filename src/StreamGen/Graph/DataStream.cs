using StreamGen.Connectors;
using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>
/// A stream of <typeparamref name="T"/> records in a job under construction. Transformations return new
/// streams; <see cref="Uid"/>, <see cref="Name"/> and <see cref="Parallelism"/> configure the operator
/// that produced this stream.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class DataStream<T>
{
    private readonly JobBuilder _job;
    private readonly IReadOnlyList<StreamNode> _producers;

    internal DataStream(JobBuilder job, IReadOnlyList<StreamNode> producers)
    {
        _job = job;
        _producers = producers;
    }

    internal IReadOnlyList<StreamNode> Producers => _producers;

    /// <summary>The job this stream belongs to (connector extensions read job-wide settings from it).</summary>
    public JobBuilder Job => _job;

    /// <summary>Transforms each record.</summary>
    public DataStream<TOut> Map<TOut>(Func<T, TOut> mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TOut>("Map", (ctx, output, _) => new MapOperator<T, TOut>(ctx, mapper, output));
    }

    /// <summary>Keeps the records for which <paramref name="predicate"/> is true.</summary>
    public DataStream<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Then<T>("Filter", (ctx, output, _) => new FilterOperator<T>(ctx, predicate, output));
    }

    /// <summary>Emits zero or more records per input record through the context (no enumerator per record).</summary>
    public DataStream<TOut> FlatMap<TOut>(Action<T, Context<TOut>> flatMapper)
    {
        ArgumentNullException.ThrowIfNull(flatMapper);
        return Then<TOut>("FlatMap", (ctx, output, _) => new FlatMapOperator<T, TOut>(ctx, flatMapper, output));
    }

    /// <summary>
    /// Runs a non-keyed operator. <paramref name="factory"/> is called once per subtask and attempt (a
    /// factory because C# cannot infer the output type from <c>Process&lt;TOperator&gt;()</c>).
    /// </summary>
    public DataStream<TOut> Process<TOut>(Func<Processor<T, TOut>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Then<TOut>(StreamNodeKinds.Process, (ctx, output, _) => new ProcessOperator<T, TOut>(ctx, factory(), output));
    }

    /// <summary>
    /// Partitions the stream by key: records with equal keys go to the same subtask (by key group) and the
    /// next operator gets keyed state. The key must have a stable hash (see <see cref="State.KeyGroups"/>).
    /// </summary>
    public KeyedStream<TKey, T> KeyBy<TKey>(Func<T, TKey> keySelector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new KeyedStream<TKey, T>(_job, _producers, keySelector);
    }

    /// <summary>Merges this stream with others of the same type; the next operator reads all of them (and aligns their barriers).</summary>
    public DataStream<T> Union(params DataStream<T>[] others)
    {
        var producers = new List<StreamNode>(_producers);
        foreach (var other in others)
        {
            foreach (var producer in other._producers)
            {
                if (producers.Contains(producer))
                {
                    throw new JobGraphException($"Union: the stream of {producer.Description} is already part of the union. Union each stream once.");
                }

                producers.Add(producer);
            }
        }

        return new DataStream<T>(_job, producers);
    }

    /// <summary>Writes the stream to <paramref name="sink"/>; the sink's parallelism defaults to this stream's.</summary>
    public DataStreamSink To(ISink<T> sink, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var node = _job.Add(new SinkNode<T>(_job, _job.NextNodeId, sink, parallelism), _producers, (source, target) => new ForwardOrRebalanceEdge<T>(source, target));
        return new DataStreamSink(node);
    }

    /// <summary>Sets the stable id state is matched by on restore. Set it on every stateful operator of a long-lived job.</summary>
    public DataStream<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        SingleProducer(nameof(Uid)).Uid = uid;
        return this;
    }

    /// <summary>Sets the name shown in logs, metrics and errors.</summary>
    public DataStream<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SingleProducer(nameof(Name)).Name = name;
        return this;
    }

    /// <summary>Sets the number of parallel subtasks of the operator that produced this stream.</summary>
    public DataStream<T> Parallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        SingleProducer(nameof(Parallelism)).Parallelism = parallelism;
        return this;
    }

    internal DataStream<TOut> Then<TOut>(string kind, Func<OperatorRuntimeContext, IOutput<TOut>, TaskBuildContext, ChainedOperator<T>> factory)
    {
        var node = _job.Add(new StreamNode<T, TOut>(_job, _job.NextNodeId, kind, null, factory), _producers, (source, target) => new ForwardOrRebalanceEdge<T>(source, target));
        return new DataStream<TOut>(_job, [node]);
    }

    private StreamNode SingleProducer(string setting)
        => _producers.Count == 1
            ? _producers[0]
            : throw new InvalidOperationException($"{setting} applies to one operator, but this stream is a union of {_producers.Count} streams. Set it on each stream before the Union.");
}
