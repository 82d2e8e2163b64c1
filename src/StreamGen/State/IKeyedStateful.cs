namespace StreamGen.State;

/// <summary>
/// Implemented by the generated code of a keyed operator. It hands the runtime the operator's
/// <see cref="IKeyedStateAccessor{TKey, TState}"/> with its concrete state struct type, so the runtime's
/// keyed state table is specialised for that struct without reflection.
/// </summary>
/// <typeparam name="TKey">The operator's key type.</typeparam>
public interface IKeyedStateful<TKey>
    where TKey : notnull
{
    /// <summary>Calls <paramref name="visitor"/> with this operator's typed state accessor.</summary>
    TResult AcceptStateVisitor<TResult>(IKeyedStateVisitor<TKey, TResult> visitor);
}

/// <summary>Receives a keyed operator's state accessor with its state struct type as a type argument.</summary>
/// <typeparam name="TKey">The operator's key type.</typeparam>
/// <typeparam name="TResult">What the visitor builds.</typeparam>
public interface IKeyedStateVisitor<TKey, TResult>
    where TKey : notnull
{
    /// <summary>Called with the operator's accessor.</summary>
    TResult Visit<TState>(IKeyedStateAccessor<TKey, TState> accessor)
        where TState : struct;
}
