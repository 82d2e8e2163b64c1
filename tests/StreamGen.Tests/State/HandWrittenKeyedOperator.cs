using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Tests.State;

/// <summary>
/// A keyed operator implementing the generated-code contract by hand: a count and a set of seen
/// values per key (the set makes the state mutable, so copy-on-write must deep-copy it).
/// </summary>
internal sealed class HandWrittenKeyedOperator : KeyedProcessor<string, string, string>,
    IKeyedStateful<string>, IKeyedStateAccessor<string, HandWrittenKeyedOperator.State>
{
    public static readonly StateSchema Schema = new(
        "StreamGen.Tests.State.HandWrittenKeyedOperator",
        [new StateField("_count", "long"), new StateField("_seen", "global::System.Collections.Generic.HashSet<string>")]);

    private readonly StateSchema _schema;
    private State _template;
    private bool _captured;

    public HandWrittenKeyedOperator(StateSchema? schema = null, long initialCount = 0)
    {
        _schema = schema ?? Schema;
        _count = initialCount;
    }

    public long _count;
    public HashSet<string> _seen = [];

    public override void Process(string value, Context<string> context)
    {
        _count++;
        _seen.Add(value);
    }

    public struct State
    {
        public long Count;
        public HashSet<string> Seen;
    }

    StateSchema IKeyedStateAccessor<string, State>.StateSchema => _schema;

    bool IKeyedStateAccessor<string, State>.StateNeedsDeepCopy => true;

    TResult IKeyedStateful<string>.AcceptStateVisitor<TResult>(IKeyedStateVisitor<string, TResult> visitor) => visitor.Visit(this);

    public State CreateInitialState()
    {
        if (!_captured)
        {
            StoreState(out _template);
            _captured = true;
        }

        return DeepCopyState(in _template);
    }

    public void LoadState(in State state)
    {
        _count = state.Count;
        _seen = state.Seen;
    }

    public void StoreState(out State state) => state = new State { Count = _count, Seen = _seen };

    public State DeepCopyState(in State state) => new() { Count = state.Count, Seen = [.. state.Seen] };

    public void WriteState(ref MessagePackWriter writer, in State state)
    {
        writer.WriteArrayHeader(2);
        writer.Write(state.Count);
        writer.WriteArrayHeader(state.Seen.Count);
        foreach (var s in state.Seen.Order(StringComparer.Ordinal))
        {
            writer.Write(s);
        }
    }

    public State ReadState(ref MessagePackReader reader, ReadOnlySpan<int> fieldMap)
    {
        var state = CreateInitialState();
        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            switch (i < fieldMap.Length ? fieldMap[i] : -1)
            {
                case 0:
                    state.Count = reader.ReadInt64();
                    break;
                case 1:
                    var count = reader.ReadArrayHeader();
                    state.Seen = new HashSet<string>(count);
                    for (var j = 0; j < count; j++)
                    {
                        state.Seen.Add(reader.ReadString()!);
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return state;
    }

    public void WriteKey(ref MessagePackWriter writer, string key) => writer.Write(key);

    public string ReadKey(ref MessagePackReader reader) => reader.ReadString()!;
}
