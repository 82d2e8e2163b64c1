using StreamGen.Execution;

namespace StreamGen.Graph;

/// <summary>A stream partitioned by key (see <see cref="DataStream{T}.KeyBy{TKey}"/>); its operators have keyed state.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The record type.</typeparam>
public sealed class KeyedStream<TKey, T>
    where TKey : notnull
{
    private readonly JobBuilder _job;
    private readonly IReadOnlyList<StreamNode> _producers;
    private readonly Func<T, TKey> _keySelector;

    internal KeyedStream(JobBuilder job, IReadOnlyList<StreamNode> producers, Func<T, TKey> keySelector)
    {
        _job = job;
        _producers = producers;
        _keySelector = keySelector;
    }

    /// <summary>
    /// Runs a keyed operator: its <c>[State]</c> fields hold one value per key. <paramref name="factory"/>
    /// is called once per subtask and attempt.
    /// </summary>
    public DataStream<TOut> Process<TOut>(Func<KeyedProcessor<TKey, T, TOut>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var selector = _keySelector;
        var node = _job.Add(
            new StreamNode<KeyedRecord<TKey, T>, TOut>(_job, _job.NextNodeId, StreamNodeKinds.KeyedProcess, null, (ctx, output, _) => new KeyedProcessOperator<TKey, T, TOut>(ctx, factory(), output)),
            _producers,
            (source, target) => new KeyByEdge<TKey, T>(source, target, selector));
        return new DataStream<TOut>(_job, [node]);
    }
}
