using System.Globalization;

namespace StreamGen.Tests.Compatibility;

/// <summary>
/// Keyed state of many field types, all derived from the record offsets a key has seen, so a restored run and an
/// uninterrupted one end with the same values. Emits a line describing every field after each record.
/// </summary>
[StreamOperator]
public sealed partial class FixtureAccountOperator : KeyedProcessor<string, (string Key, long Offset), string>
{
    [State] private long _count;
    [State] private decimal _sum;
    [State] private double _mean;
    [State] private float _ratio;
    [State] private string? _last;
    [State] private char _initial;
    [State] private bool _odd;
    [State] private DateTime _lastAt;
    [State] private DateTimeOffset? _firstAt;
    [State] private TimeSpan _span;
    [State] private Guid _id;
    [State] private int? _optional;
    [State] private byte[] _raw = [];
    [State] private FixtureLevel _level;
    [State] private (int Min, long Max) _range = (int.MaxValue, long.MinValue);
    [State] private List<long> _recent = new();
    [State] private Dictionary<string, int> _buckets = new();
    [State] private HashSet<int> _mods = new();
    [State] private Queue<string> _window = new();
    [State] private FixtureStats? _stats;

    public override void Process((string Key, long Offset) record, Context<string> context)
    {
        var offset = record.Offset;
        _count++;
        _sum += offset / 4m;
        _mean += (offset - _mean) / _count;
        _ratio = (float)offset / (_count + 1);
        _last = CurrentKey + ":" + offset.ToString(CultureInfo.InvariantCulture);
        _initial = (char)('a' + (offset % 26));
        _odd = offset % 2 == 1;
        _lastAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(offset);
        _firstAt ??= new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)).AddSeconds(offset);
        _span += TimeSpan.FromMilliseconds(offset);
        _id = new Guid((int)offset, (short)_count, 7, 1, 2, 3, 4, 5, 6, 7, 8);
        _optional = offset % 3 == 0 ? null : (int)offset;
        _raw = [.. _raw.TakeLast(3), (byte)offset];
        _level = (offset % 3) switch { 0 => FixtureLevel.Low, 1 => FixtureLevel.Mid, _ => FixtureLevel.High };
        _range = (Math.Min(_range.Min, (int)offset), Math.Max(_range.Max, offset * 1_000_000_000L));
        _recent.Add(offset);
        if (_recent.Count > 4)
        {
            _recent.RemoveAt(0);
        }

        var bucket = "b" + (offset % 4).ToString(CultureInfo.InvariantCulture);
        _buckets[bucket] = _buckets.GetValueOrDefault(bucket) + 1;
        _mods.Add((int)(offset % 5));
        _window.Enqueue(offset.ToString("x", CultureInfo.InvariantCulture));
        if (_window.Count > 3)
        {
            _window.Dequeue();
        }

        _stats = new FixtureStats(CurrentKey, (int)_count, [.. _window]) { Peak = Math.Max(_stats?.Peak ?? 0m, offset / 10m) };
        context.Emit(Describe());
    }

    private string Describe() => string.Join('|',
        _last,
        _count.ToString(CultureInfo.InvariantCulture),
        _sum.ToString(CultureInfo.InvariantCulture),
        _mean.ToString("R", CultureInfo.InvariantCulture),
        _ratio.ToString("R", CultureInfo.InvariantCulture),
        _initial.ToString(),
        _odd.ToString(),
        _lastAt.ToString("O", CultureInfo.InvariantCulture),
        _firstAt?.ToString("O", CultureInfo.InvariantCulture),
        _span.Ticks.ToString(CultureInfo.InvariantCulture),
        _id.ToString(),
        _optional?.ToString(CultureInfo.InvariantCulture) ?? "null",
        Convert.ToHexString(_raw),
        _level.ToString(),
        _range.ToString(),
        string.Join(',', _recent),
        string.Join(',', _buckets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Key + "=" + b.Value)),
        string.Join(',', _mods.Order()),
        string.Join(',', _window),
        _stats is null ? "null" : $"{_stats.Name}/{_stats.Seen}/{string.Join(',', _stats.Recent)}/{_stats.Peak?.ToString(CultureInfo.InvariantCulture)}");
}
