namespace StreamGen;

/// <summary>Passed to an operator's <c>Process</c> method to emit records downstream.</summary>
/// <typeparam name="TOut">The operator's output type.</typeparam>
public abstract class Context<TOut>
{
    /// <summary>Sends <paramref name="value"/> to the downstream operators.</summary>
    public abstract void Emit(TOut value);
}
