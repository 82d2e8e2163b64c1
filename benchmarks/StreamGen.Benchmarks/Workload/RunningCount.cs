namespace StreamGen.Benchmarks.Workload;

/// <summary>The keyed running count of the issue: one <c>long</c> of state per key, one output per input.</summary>
[StreamOperator]
public sealed partial class RunningCount : KeyedProcessor<string, string, KeyCount>
{
    [State]
    private long _count;

    /// <inheritdoc />
    public override void Process(string value, Context<KeyCount> context)
    {
        _count++;
        context.Emit(new KeyCount(CurrentKey, _count));
    }
}
