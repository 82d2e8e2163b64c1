// Operator state (non-keyed), every supported type, structs, nullables, arrays, tuples.
using StreamGen;

namespace Corpus.Windows;

public readonly record struct Reading(string Sensor, DateTime At, double Value);

public struct Bucket
{
    public long Count;
    public double Sum;
    public double? Min;
    public double? Max;
}

public enum Unit : short { Celsius, Fahrenheit }

public sealed class Histogram
{
    public Histogram() { }

    public Histogram(double[] bounds) => Bounds = bounds;

    public double[] Bounds { get; set; } = Array.Empty<double>();
    public long[] Counts { get; set; } = Array.Empty<long>();
}

[StreamOperator]
internal sealed partial class TumblingAverage : Processor<Reading, (string Sensor, double Average)>
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);
    public const string Name = "tumbling-average";

    [State] private DateTime _windowStart;
    [State] private Dictionary<string, Bucket> _buckets = new();
    [State] private List<Reading> _late = new();
    [State] private Unit _unit = Unit.Celsius;
    [State] private Histogram _histogram = new(new[] { 0d, 10d, 20d, 30d });
    [State] private int[][] _matrix = { new[] { 1, 2 }, new[] { 3 } };
    [State] private byte[] _checksum = Array.Empty<byte>();
    [State] private Guid _instance = Guid.NewGuid();
    [State] private TimeSpan _lag;
    [State] private DateTimeOffset? _lastSeen;
    [State] private char _separator = ';';
    [State] private sbyte _a; [State] private byte _b; [State] private short _c; [State] private ushort _d;
    [State] private uint _e; [State] private ulong _f; [State] private float _g; [State] private decimal _h;
    [State] private bool _dirty;
    [State] private string? _lastSensor;
    [State] private (int, string, Unit)? _lastTuple;
    [State] private Queue<(DateTime At, double Value)> _recent = new();
    [State] private HashSet<Unit> _units = new();
    [State] public long Emitted { get; set; }

    [Transient] private readonly List<Reading> _scratch = new();
    [Transient] private CancellationTokenSource? _shutdown;
    [Transient] private Func<double, double> _convert = c => c;

    public override void Open(OperatorRuntimeContext context)
    {
        _shutdown = new CancellationTokenSource();
        _convert = _unit == Unit.Celsius ? c => c : c => c * 9 / 5 + 32;
    }

    public override void OnCheckpointComplete(long checkpointId) => _dirty = false;

    public override void Process(Reading value, Context<(string Sensor, double Average)> context)
    {
        if (value.At - _windowStart >= WindowLength)
        {
            foreach (var (sensor, bucket) in _buckets)
            {
                context.Emit((sensor, _convert(bucket.Sum / bucket.Count)));
                Emitted++;
            }

            _buckets.Clear();
            _windowStart = value.At;
        }

        var current = _buckets.GetValueOrDefault(value.Sensor);
        current.Count++;
        current.Sum += value.Value;
        current.Min = Math.Min(current.Min ?? value.Value, value.Value);
        current.Max = Math.Max(current.Max ?? value.Value, value.Value);
        _buckets[value.Sensor] = current;
        _lastSensor = value.Sensor;
        _lastSeen = DateTimeOffset.UtcNow;
        _dirty = true;
        _scratch.Clear();
    }
}
