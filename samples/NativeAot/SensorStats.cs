using StreamGen;

namespace NativeAot;

/// <summary>A reading of a sensor.</summary>
/// <param name="Sensor">Which sensor.</param>
/// <param name="Value">The reading.</param>
public readonly record struct Reading(string Sensor, double Value);

/// <summary>Per-sensor statistics: keyed state with a collection, checkpointed by generated code.</summary>
[StreamOperator]
public sealed partial class SensorStats : KeyedProcessor<string, Reading, string>
{
    [State] private long _count;
    [State] private double _sum;
    [State] private Queue<double> _lastThree = new();

    /// <inheritdoc />
    public override void Process(Reading reading, Context<string> context)
    {
        _count++;
        _sum += reading.Value;
        _lastThree.Enqueue(reading.Value);
        if (_lastThree.Count > 3)
        {
            _lastThree.Dequeue();
        }

        context.Emit($"{CurrentKey} {_count} {_sum} {string.Join(",", _lastThree)}");
    }
}
