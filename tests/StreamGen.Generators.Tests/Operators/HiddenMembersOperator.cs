namespace StreamGen.Generators.Tests.Operators;

/// <summary>Operator state made of types whose data is private (see <c>HiddenMemberTypes.cs</c>).</summary>
[StreamOperator]
public sealed partial class HiddenMembersOperator : Processor<int, int>
{
    [State] public Account Account = new();
    [State] public Ledger Ledger = new();
    [State] public Histogram Histogram = new();
    [State] public NamedMeter Meter = new();
    [State] public Cursor Cursor;
    [State] public Cached Cached = new();

    public override void Process(int value, Context<int> context) => Account.Deposit(value);
}

/// <summary>The same types as keyed state, which deep-copies them for asynchronous snapshots.</summary>
[StreamOperator]
public sealed partial class KeyedHiddenMembersOperator : KeyedProcessor<string, int, int>
{
    [State] public Account Account = new();
    [State] public Histogram Histogram = new();
    [State] public Cursor Cursor;

    public override void Process(int value, Context<int> context)
    {
        Account.Deposit(value);
        Histogram.Add(value % 4);
        Cursor.Advance(value);
    }
}
