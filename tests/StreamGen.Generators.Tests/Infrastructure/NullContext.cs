namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>A context that drops what the operator emits.</summary>
internal sealed class NullContext<TOut> : Context<TOut>
{
    public override void Emit(TOut value)
    {
    }
}
