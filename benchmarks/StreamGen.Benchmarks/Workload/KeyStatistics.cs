namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// A keyed aggregate with a few fields of different encodings (integer, double, timestamp), the state
/// the serializer scenario snapshots and restores for 1 M keys. Only its generated accessor is used.
/// </summary>
[StreamOperator]
public sealed partial class KeyStatistics : KeyedProcessor<string, double, double>
{
    [State]
    private long _count;

    [State]
    private double _sum;

    [State]
    private double _max;

    [State]
    private DateTime _lastSeen;

    /// <inheritdoc />
    public override void Process(double value, Context<double> context)
    {
        _count++;
        _sum += value;
        _max = Math.Max(_max, value);
        _lastSeen = DateTime.UtcNow;
        context.Emit(_sum / _count);
    }

    /// <summary>Sets the fields as if records had been processed, so the generated accessor can store them.</summary>
    internal void Seed(long count, double sum, double max, DateTime lastSeen)
    {
        _count = count;
        _sum = sum;
        _max = max;
        _lastSeen = lastSeen;
    }
}
