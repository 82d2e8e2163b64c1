namespace StreamGen;

/// <summary>
/// An operator after <c>KeyBy</c>. Its <see cref="StateAttribute"/> fields are keyed state: before
/// <see cref="Process"/> the generated code loads the current key's values into the fields, and stores
/// them back afterwards, so the fields behave like Flink's <c>ValueState</c> with plain C# syntax.
/// </summary>
/// <typeparam name="TKey">The key type produced by the <c>KeyBy</c> selector.</typeparam>
/// <typeparam name="TIn">The input record type.</typeparam>
/// <typeparam name="TOut">The output record type.</typeparam>
public abstract class KeyedProcessor<TKey, TIn, TOut> : StreamOperator
    where TKey : notnull
{
    /// <summary>The key of the record being processed. Only meaningful inside <see cref="Process"/>.</summary>
    public TKey CurrentKey { get; internal set; } = default!;

    /// <summary>Processes one record of <see cref="CurrentKey"/>; emit results through <paramref name="context"/>.</summary>
    public abstract void Process(TIn value, Context<TOut> context);
}
