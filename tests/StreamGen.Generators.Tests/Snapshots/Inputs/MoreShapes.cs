using System;
using System.Collections.Generic;
using StreamGen;

// Shapes beyond the common ones: the global namespace, a generic operator, private nested state types,
// init-only members, readonly fields set by a constructor, enum keys and nullable value collections.

public enum Level
{
    Low,
    High,
}

public readonly struct Range
{
    public Range(int start, int end)
    {
        Start = start;
        End = end;
    }

    public readonly int Start;

    public readonly int End;
}

public sealed class Settings
{
    public required string Mode { get; init; }

    public int Retries { get; init; } = 3;

    public required int Version { get; set; }

    public List<int?> Backoff { get; } = new();
}

[StreamOperator]
public partial class GenericWindow<TIn> : KeyedProcessor<long, TIn, int>
{
    [State] private int _count;
    [State] private Dictionary<Level, HashSet<(int, int)>> _cells = new();
    [State] private int?[] _slots = new int?[4];
    [State] private Range _range = new(0, 10);
    [State] private Settings _settings = new() { Mode = "fast", Version = 1 };
    [State] private Secret? _secret;
    [State] private Queue<Level?> _levels = new();
    [State] public Guid? Owner { get; set; }

    public override void Process(TIn value, Context<int> context) => _count++;

    private sealed record Secret(string Value, DateTime Expires);
}
