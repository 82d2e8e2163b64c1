namespace StreamGen.Tests.TestSupport;

/// <summary>A <see cref="Context{TOut}"/> that keeps what an operator emits, for driving operators without a job.</summary>
internal sealed class ListContext<TOut> : Context<TOut>
{
    public List<TOut> Emitted { get; } = [];

    public override void Emit(TOut value) => Emitted.Add(value);
}
