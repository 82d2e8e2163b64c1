using System;
using System.Collections.Generic;
using StreamGen;

namespace Sessions;

public enum SessionKind : short
{
    Anonymous = -1,
    Known = 1,
}

public sealed record Click(string Page, DateTimeOffset At);

public sealed record Session(Guid Id, SessionKind Kind, List<Click> Clicks)
{
    public TimeSpan Idle { get; init; }

    public Dictionary<string, int> PageViews { get; set; } = new();
}

// Non-keyed operator state: a named state member, a nullable, a tuple and a nested record graph.
[StreamOperator]
public sealed partial class SessionWindow : Processor<Click, Session>
{
    [State("open")] private Dictionary<string, Session> _openSessions = new();
    [State] private (long Seen, decimal Revenue) _totals;
    [State] private DateTime? _lastEvent;
    [State] public Queue<Guid> Closed { get; set; } = new();
    [Transient] private int _cacheHits;

    public override void Process(Click value, Context<Session> context)
    {
        _cacheHits++;
        _lastEvent = value.At.UtcDateTime;
    }
}
