using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Tests.TestOperators;

/// <summary>
/// The keyed running count of the design brief, with the generated-code contract written by hand
/// exactly as the generator emits it for <c>[State] private long _count;</c>.
/// </summary>
public sealed class RunningCount : KeyedProcessor<string, string, KeyCount>,
    IKeyedStateful<string>, IKeyedStateAccessor<string, RunningCount.State>
{
    public static readonly StateSchema Schema = new("StreamGen.Tests.TestOperators.RunningCount", [new StateField("_count", "long")]);

    private readonly StateSchema _schema;
    private long _count;
    private State _template;
    private bool _captured;

    /// <param name="schema">Another schema than <see cref="Schema"/>, to stand for a changed declaration of the state.</param>
    public RunningCount(StateSchema? schema = null) => _schema = schema ?? Schema;

    public override void Process(string value, Context<KeyCount> context)
    {
        _count++;
        context.Emit(new KeyCount(CurrentKey, _count));
    }

    public struct State
    {
        public long Count;
    }

    StateSchema IKeyedStateAccessor<string, State>.StateSchema => _schema;

    bool IKeyedStateAccessor<string, State>.StateNeedsDeepCopy => false;

    TResult IKeyedStateful<string>.AcceptStateVisitor<TResult>(IKeyedStateVisitor<string, TResult> visitor) => visitor.Visit(this);

    public State CreateInitialState()
    {
        if (!_captured)
        {
            StoreState(out _template);
            _captured = true;
        }

        return _template;
    }

    public void LoadState(in State state) => _count = state.Count;

    public void StoreState(out State state) => state = new State { Count = _count };

    public State DeepCopyState(in State state) => state;

    public void WriteState(ref MessagePackWriter writer, in State state)
    {
        writer.WriteArrayHeader(1);
        writer.Write(state.Count);
    }

    public State ReadState(ref MessagePackReader reader, ReadOnlySpan<int> fieldMap)
    {
        var state = CreateInitialState();
        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            if (i < fieldMap.Length && fieldMap[i] == 0)
            {
                state.Count = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return state;
    }

    public void WriteKey(ref MessagePackWriter writer, string key) => writer.Write(key);

    public string ReadKey(ref MessagePackReader reader) => reader.ReadString()!;
}
