namespace StreamGen.Hosting.TestJob;

/// <summary>A keyed running count, so the job has checkpointed state.</summary>
[StreamOperator]
public sealed partial class RunningCount : KeyedProcessor<int, int, (int Key, long Count)>
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
