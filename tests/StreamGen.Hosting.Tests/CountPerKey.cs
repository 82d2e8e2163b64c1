using StreamGen;

namespace StreamGen.Hosting.Tests;

/// <summary>A keyed running count, checkpointed by generated code.</summary>
[StreamOperator]
public sealed partial class CountPerKey : KeyedProcessor<int, int, (int Key, long Count)>
{
    [State]
    private long _count;

    /// <inheritdoc />
    public override void Process(int value, Context<(int Key, long Count)> context)
    {
        _count++;
        context.Emit((CurrentKey, _count));
    }
}
