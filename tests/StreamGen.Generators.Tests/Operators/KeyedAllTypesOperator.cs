namespace StreamGen.Generators.Tests.Operators;

/// <summary>Keyed state with a spread of value, immutable and mutable members.</summary>
[StreamOperator]
public sealed partial class KeyedAllTypesOperator : KeyedProcessor<string, int, long>
{
    [State] public long Count;
    [State] public string? Last;
    [State] public HashSet<string> Seen = new() { "seed" };
    [State] public Dictionary<string, List<int>> Buckets = new();
    [State] public Person? Person;
    [State] public Order Order = new() { Priority = 7 };
    [State] public (int, DateTimeOffset) Pair;
    [State] public decimal Amount = 1.50m;
    [State] public Queue<Guid>? Pending;

    public override void Process(int value, Context<long> context)
    {
        Count += value;
        Seen.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Emit(Count);
    }
}
