namespace StreamGen.Generators.Tests.Operators;

// The user types of the round-trip tests: one of each shape the generator supports.

public enum Color : byte
{
    Red,
    Green,
    Blue = 200,
}

public enum Wide : long
{
    Min = long.MinValue,
    Zero = 0,
    Max = long.MaxValue,
}

/// <summary>A positional record: values go back through the primary constructor.</summary>
public sealed record Address(string Street, int? Number);

/// <summary>A record mixing constructor, init and settable members.</summary>
public sealed record Person(string Name, int Age, List<Address> Addresses)
{
    public string? Nickname { get; init; }

    public Dictionary<string, double> Scores { get; set; } = new();
}

/// <summary>A mutable class that refers to itself.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public decimal Total { get; set; }

    public List<string> Lines { get; set; } = new();

    public Order? Parent { get; set; }

    public int Priority { get; set; } = 5;

    /// <summary>A get-only collection: restored by refilling the instance the constructor made.</summary>
    public Dictionary<string, List<int>> Tags { get; } = new();

    /// <summary>A readonly collection field, likewise.</summary>
    public readonly Queue<string> History = new();
}

/// <summary>A mutable struct with public fields.</summary>
public struct Point
{
    public int X;
    public int Y;
}

/// <summary>An immutable record struct.</summary>
public readonly record struct Period(DateTime From, TimeSpan Length);

/// <summary>An immutable class restored through a constructor whose parameters match its properties.</summary>
public sealed class Money
{
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    /// <summary>Derived, so not serialized.</summary>
    public string Display => $"{Amount} {Currency}";
}
