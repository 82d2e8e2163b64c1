namespace StreamGen.Generators.Tests.Operators;

/// <summary>Operator state with a member of every supported type.</summary>
[StreamOperator]
public sealed partial class AllTypesOperator : Processor<int, int>
{
    [State] public bool Bool;
    [State] public byte Byte;
    [State] public sbyte SByte;
    [State] public short Int16;
    [State] public ushort UInt16;
    [State] public int Int32;
    [State] public uint UInt32;
    [State] public long Int64;
    [State] public ulong UInt64;
    [State] public char Char;
    [State] public float Single;
    [State] public double Double;
    [State] public decimal Decimal;
    [State] public string? String;
    [State] public string NonNullString = "initial";
    [State] public DateTime DateTime;
    [State] public DateTimeOffset DateTimeOffset;
    [State] public TimeSpan TimeSpan;
    [State] public Guid Guid;
    [State] public Color Color;
    [State] public Wide Wide;
    [State] public int? NullableInt;
    [State] public Guid? NullableGuid;
    [State] public Point? NullablePoint;
    [State] public int[]? IntArray;
    [State] public string?[]? StringArray;
    [State] public byte[]? Bytes;
    [State] public int[][]? Jagged;
    [State] public List<string>? List;
    [State] public List<List<int>>? NestedList;
    [State] public Dictionary<string, List<int>>? Dictionary;
    [State] public Dictionary<int, string?>? DictionaryOfNullable;
    [State] public HashSet<string>? Set;
    [State] public Queue<long>? Queue;
    [State] public (int, string) Tuple;
    [State] public (string Name, List<int> Values, Person? Who) NamedTuple;
    [State] public Person? Person;
    [State] public Order? Order;
    [State] public Point Point;
    [State] public Period Period;
    [State] public Money? Money;
    [State] public List<Person>? People;
    [State] public Dictionary<Guid, Address>? Addresses;
    [State("renamed")] public long Property { get; set; }

    [Transient] public int NotState;

    public override void Process(int value, Context<int> context)
    {
        Int32 += value;
        context.Emit(Int32);
    }
}
