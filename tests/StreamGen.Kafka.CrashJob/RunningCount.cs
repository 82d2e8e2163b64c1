namespace StreamGen.Kafka.CrashJob;

/// <summary>Counts records per key and emits <c>key:count</c> for every record.</summary>
[StreamOperator]
public sealed partial class RunningCount : KeyedProcessor<string, string, string>
{
    [State]
    private long _count;

    /// <inheritdoc />
    public override void Process(string value, Context<string> context)
    {
        _count++;
        context.Emit(CurrentKey + ":" + _count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
