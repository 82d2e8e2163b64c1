using System;
using System.Collections.Generic;
using System.IO;
using StreamGen;

namespace Shop;

public enum Channel : byte
{
    Web,
    Store = 7,
}

public sealed record Line(string Sku, int Quantity, decimal Price);

// A payload type: not partial; a positional record with nested records, collections, nullables, an enum,
// a settable member with an initializer and a member with no encoding (skipped).
[MessagePackSerializable]
public sealed record Order(Guid Id, string Customer, List<Line> Lines, Channel Channel)
{
    public Dictionary<string, int>? Tags { get; init; }

    public DateTimeOffset? ShippedAt { get; set; }

    public int Priority { get; set; } = 3;

    // Not data: without [Transient] the generator reports SG0100 for it.
    [Transient]
    public Stream? Attachment { get; set; }
}

// An internal struct gets an internal serializer.
[MessagePackSerializable]
internal struct Reading
{
    public double Value;
    public long At;
    public Channel? Source;
}

public static class Outer
{
    // Nested: the serializer is Shop.OuterEventMessagePackSerializer.
    [MessagePackSerializable]
    public sealed class Event
    {
        public string Name { get; set; } = "";

        public byte[]? Body { get; set; }
    }

    // Not visible at namespace level: no serializer.
    [MessagePackSerializable]
    private sealed class Hidden
    {
        public int X { get; set; }
    }
}

// Generic: no serializer.
[MessagePackSerializable]
public sealed class Envelope<T>
{
    public T? Value { get; set; }
}
