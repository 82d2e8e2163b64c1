namespace StreamGen.Generators.Tests.Operators;

/// <summary>Immutable keyed state: no deep copy is needed for asynchronous snapshots.</summary>
[StreamOperator]
public sealed partial class TupleKeyedOperator : KeyedProcessor<(string Region, int Shard), string, string>
{
    [State] public long Total = 10;
    [State] public Money Balance = new(0m, "EUR");

    public override void Process(string value, Context<string> context) => Total++;
}

/// <summary>A record as the key.</summary>
[StreamOperator]
public sealed partial class RecordKeyedOperator : KeyedProcessor<Address, int, int>
{
    [State] public int Sum;

    public override void Process(int value, Context<int> context) => Sum += value;
}

/// <summary>No state at all still implements the contract (an empty schema).</summary>
[StreamOperator]
public sealed partial class StatelessKeyedOperator : KeyedProcessor<Guid, int, int>
{
    public override void Process(int value, Context<int> context) => context.Emit(value);
}

/// <summary>No state at all still implements the contract (an empty schema).</summary>
[StreamOperator]
public sealed partial class StatelessOperator : Processor<int, int>
{
    public override void Process(int value, Context<int> context) => context.Emit(value);
}
