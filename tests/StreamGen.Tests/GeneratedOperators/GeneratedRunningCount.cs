using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.GeneratedOperators;

/// <summary>The brief's running count, written as a user would: the generator emits the state contract.</summary>
[StreamOperator]
public sealed partial class GeneratedRunningCount : KeyedProcessor<string, string, KeyCount>
{
    [State] private long _count;
    [State] private HashSet<int> _lengths = new();

    public override void Process(string value, Context<KeyCount> context)
    {
        _count++;
        _lengths.Add(value.Length);
        context.Emit(new KeyCount(CurrentKey, _count));
    }
}
