namespace StreamGen.Generators.Tests.Operators;

// User types whose data sits behind members generated code cannot name: the generator reaches them through
// [UnsafeAccessor] methods (issue: they used to be written as an empty map and lost on restore).

/// <summary>A public getter with a private setter.</summary>
public sealed class Account
{
    public decimal Balance { get; private set; }

    public void Deposit(decimal amount) => Balance += amount;
}

/// <summary>A computed getter over a private field: the field is the data.</summary>
public sealed class Ledger
{
    private decimal _balance;

    public decimal Balance => _balance;

    public void Post(decimal amount) => _balance += amount;
}

/// <summary>A get-only array property, a private auto-property, a readonly private field and an init-only private setter.</summary>
public sealed class Histogram
{
    private readonly int _capacity;

    public Histogram()
        : this(4)
    {
    }

    public Histogram(int buckets) => _capacity = buckets;

    public int[] Buckets { get; } = new int[4];

    public int Capacity => _capacity;

    public string? Label { get; private init; }

    private long Samples { get; set; }

    public long SampleCount => Samples;

    public void Add(int bucket)
    {
        Buckets[bucket]++;
        Samples++;
    }

    public Histogram WithLabel(string label) => new(_capacity) { Label = label };
}

/// <summary>A base class with private data and a derived class with more.</summary>
public class Meter
{
    private long _ticks;

    public long Ticks => _ticks;

    public void Tick() => _ticks++;
}

public sealed class NamedMeter : Meter
{
    public string Name { get; set; } = "";

    private string _unit = "s";

    public string Unit => _unit;

    public void UseUnit(string unit) => _unit = unit;
}

/// <summary>A struct with a private field (reached by ref) and a public property with a private getter.</summary>
public struct Cursor
{
    private int _position;

    public int Position => _position;

    public string Secret { private get; set; }

    public readonly string Reveal() => Secret;

    public void Advance(int by) => _position += by;
}

/// <summary>A private field marked [Transient] stays out of the data.</summary>
public sealed class Cached
{
    [Transient]
    private string? _cache;

    public int Value { get; set; }

    public string? Cache => _cache;

    public void Fill() => _cache = "filled";
}
