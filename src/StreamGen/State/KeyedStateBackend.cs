namespace StreamGen.State;

/// <summary>Creates the keyed state backend of a generated keyed operator.</summary>
public static class KeyedStateBackend
{
    /// <summary>
    /// Creates the backend for <paramref name="op"/>. Call right after constructing the operator: the
    /// backend captures the operator's initial field values as the template for new keys.
    /// </summary>
    /// <param name="op">The operator (generated code implements <see cref="IKeyedStateful{TKey}"/>).</param>
    /// <param name="range">The key groups of this subtask.</param>
    /// <param name="maxParallelism">The job's number of key groups.</param>
    /// <param name="operatorDescription">Names the operator in restore errors, e.g. <c>RunningCount (uid 'count')</c>.</param>
    public static IKeyedStateBackend<TKey> Create<TKey>(IKeyedStateful<TKey> op, KeyGroupRange range, int maxParallelism, string operatorDescription)
        where TKey : notnull
        => op.AcceptStateVisitor(new Factory<TKey>(range, maxParallelism, operatorDescription));

    private sealed class Factory<TKey>(KeyGroupRange range, int maxParallelism, string description)
        : IKeyedStateVisitor<TKey, IKeyedStateBackend<TKey>>
        where TKey : notnull
    {
        public IKeyedStateBackend<TKey> Visit<TState>(IKeyedStateAccessor<TKey, TState> accessor)
            where TState : struct
            => new KeyedStateTable<TKey, TState>(accessor, range, maxParallelism, description);
    }
}
