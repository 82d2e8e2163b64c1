namespace StreamGen.Generators.Tests.Payloads;

// Payload types of the round-trip tests, compiled with the generator as a user project's would be.

public enum Channel : byte
{
    Web,
    Store = 7,
    Phone = 255,
}

public sealed record OrderLine(string Sku, int Quantity, decimal Price);

public sealed record Customer(string Name, Customer.Address? ShipTo)
{
    public sealed record Address(string Street, int? Number);
}

/// <summary>A positional record with nested records, collections, nullables and enums.</summary>
[MessagePackSerializable]
public sealed record OrderPlaced(Guid Id, Customer Customer, List<OrderLine> Lines, Channel Channel)
{
    public Dictionary<string, int[]>? Tags { get; init; }

    public DateTimeOffset? ShippedAt { get; set; }

    public Channel? ReturnedVia { get; set; }

    public HashSet<string> Coupons { get; } = new();

    public int Priority { get; set; } = 3;
}

/// <summary>A mutable struct, internal: its serializer is internal too.</summary>
[MessagePackSerializable]
internal struct Reading
{
    public double Value;
    public long At;
    public Channel? Source;
    public (int, string?) Pair;
}

/// <summary>The first version of a payload type, for evolution tests.</summary>
[MessagePackSerializable]
public sealed class ProfileV1
{
    public string Name { get; set; } = "";

    public int Age { get; set; }

    public string? Removed { get; set; }
}

/// <summary>The next version: <c>Removed</c> is gone, <c>Country</c> and <c>Level</c> are new.</summary>
[MessagePackSerializable]
public sealed class ProfileV2
{
    public string Name { get; set; } = "";

    public int Age { get; set; }

    public string Country { get; set; } = "unknown";

    public int Level { get; set; } = 1;
}

/// <summary>An operator holding a payload type as state: the payload bytes must equal the state bytes.</summary>
[StreamOperator]
public sealed partial class LastOrder : Processor<OrderPlaced, OrderPlaced>
{
    [State] public OrderPlaced? Last { get; set; }

    public override void Process(OrderPlaced value, Context<OrderPlaced> context) => Last = value;
}

/// <summary>A payload whose data is private: a private setter and a private list behind a read-only view.</summary>
[MessagePackSerializable]
public sealed class Wallet
{
    private readonly List<string> _history = new();

    public decimal Balance { get; private set; }

    public IReadOnlyList<string> History => _history;

    public void Pay(string to, decimal amount)
    {
        Balance -= amount;
        _history.Add(to);
    }
}
