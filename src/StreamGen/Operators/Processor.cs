namespace StreamGen;

/// <summary>
/// A non-keyed operator. Its <see cref="StateAttribute"/> fields are operator state: one value per
/// subtask, snapshotted as a whole.
/// </summary>
/// <typeparam name="TIn">The input record type.</typeparam>
/// <typeparam name="TOut">The output record type.</typeparam>
public abstract class Processor<TIn, TOut> : StreamOperator
{
    /// <summary>Processes one record; emit results through <paramref name="context"/>.</summary>
    public abstract void Process(TIn value, Context<TOut> context);
}
