using System.Buffers;
using System.Text.Json;
using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Payloads;
using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>
/// <c>[MessagePackSerializable]</c> types, compiled with the generator as a user project's would be: values round-trip,
/// the bytes are those state uses for the same type, evolve by the same rules, and decode with an independent decoder.
/// </summary>
public sealed class PayloadSerializerTests
{
    private static readonly Guid Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    [Fact]
    public void Nested_records_collections_nullables_and_enums_round_trip()
    {
        var order = Sample();
        var bytes = Serialize(OrderPlacedMessagePackSerializer.Instance, order);
        var back = Deserialize(OrderPlacedMessagePackSerializer.Instance, bytes);

        Assert.Equal(order.Id, back.Id);
        Assert.Equal(order.Customer, back.Customer);
        Assert.Equal(order.Lines, back.Lines);
        Assert.Equal(Channel.Phone, back.Channel);
        Assert.Equal(order.Tags!.Keys, back.Tags!.Keys);
        Assert.Equal(order.Tags["vip"], back.Tags["vip"]);
        Assert.Empty(back.Tags["none"]);
        Assert.Equal(order.ShippedAt, back.ShippedAt);
        Assert.Equal(order.ShippedAt!.Value.Offset, back.ShippedAt!.Value.Offset);
        Assert.Null(back.ReturnedVia);
        Assert.Equal(["A10", "B20"], back.Coupons.Order());
        Assert.Equal(9, back.Priority);

        // The restored value writes the very same bytes.
        Assert.Equal(bytes, Serialize(OrderPlacedMessagePackSerializer.Instance, back));
    }

    [Fact]
    public void Private_setters_and_private_fields_round_trip()
    {
        var wallet = new Wallet();
        wallet.Pay("rent", 800m);
        wallet.Pay("food", 12.5m);
        var bytes = Serialize(WalletMessagePackSerializer.Instance, wallet);
        var back = Deserialize(WalletMessagePackSerializer.Instance, bytes);

        Assert.Equal(-812.5m, back.Balance);
        Assert.Equal(["rent", "food"], back.History);
        Assert.Equal(["Balance", "_history"], NodeDecoder.Decode(bytes).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nulls_and_defaults_round_trip()
    {
        var order = new OrderPlaced(Guid.Empty, new Customer("", null), [], Channel.Web) { ReturnedVia = Channel.Store };
        var back = Deserialize(OrderPlacedMessagePackSerializer.Instance, Serialize(OrderPlacedMessagePackSerializer.Instance, order));
        Assert.Null(back.Customer.ShipTo);
        Assert.Empty(back.Lines);
        Assert.Null(back.Tags);
        Assert.Null(back.ShippedAt);
        Assert.Equal(Channel.Store, back.ReturnedVia);
        Assert.Empty(back.Coupons);

        // A null reference is nil, as for state.
        Assert.Equal([0xc0], Serialize(OrderPlacedMessagePackSerializer.Instance, null!));
        Assert.Null(Deserialize(OrderPlacedMessagePackSerializer.Instance, [0xc0]));
    }

    [Fact]
    public void Structs_round_trip_and_keep_the_accessibility_of_their_type()
    {
        var reading = new Reading { Value = double.NegativeInfinity, At = long.MinValue, Source = Channel.Store, Pair = (-1, null) };
        var back = Deserialize(ReadingMessagePackSerializer.Instance, Serialize(ReadingMessagePackSerializer.Instance, reading));
        Assert.Equal(reading, back);

        Assert.True(typeof(OrderPlacedMessagePackSerializer).IsPublic);
        Assert.False(typeof(ReadingMessagePackSerializer).IsPublic);
        Assert.True(typeof(ReadingMessagePackSerializer).IsSealed);
    }

    [Fact]
    public void The_bytes_are_the_state_bytes_of_the_same_type()
    {
        var order = Sample();
        var op = new LastOrder { Last = order };
        var state = StateBytes.Snapshot(op);

        // State is a one-element array (0x91) holding the value.
        Assert.Equal(0x91, state[0]);
        Assert.Equal(state[1..], Serialize(OrderPlacedMessagePackSerializer.Instance, order));

        // And state restores from payload bytes and back.
        var payload = Serialize(OrderPlacedMessagePackSerializer.Instance, order);
        var restored = StateBytes.Restore(new LastOrder(), [0x91, .. payload], ((ICheckpointedOperator)op).StateSchema);
        Assert.Equal(payload, Serialize(OrderPlacedMessagePackSerializer.Instance, restored.Last!));
    }

    [Fact]
    public void Added_members_keep_their_initializers_and_removed_members_are_skipped()
    {
        var v1 = new ProfileV1 { Name = "Ada", Age = 36, Removed = "gone" };
        var v2 = Deserialize(ProfileV2MessagePackSerializer.Instance, Serialize(ProfileV1MessagePackSerializer.Instance, v1));
        Assert.Equal("Ada", v2.Name);
        Assert.Equal(36, v2.Age);
        Assert.Equal("unknown", v2.Country);
        Assert.Equal(1, v2.Level);

        var back = Deserialize(ProfileV1MessagePackSerializer.Instance, Serialize(ProfileV2MessagePackSerializer.Instance, new ProfileV2 { Name = "Bo", Age = 7, Country = "NO" }));
        Assert.Equal("Bo", back.Name);
        Assert.Equal(7, back.Age);
        Assert.Null(back.Removed);
    }

    [Fact]
    public void Truncated_bytes_fail_with_the_offset()
    {
        var bytes = Serialize(OrderPlacedMessagePackSerializer.Instance, Sample());
        var error = Assert.Throws<MessagePackFormatException>(() => Deserialize(OrderPlacedMessagePackSerializer.Instance, bytes[..^3]));
        Assert.InRange(error.Position, 0, bytes.Length);
    }

    [Fact]
    public void Payload_bytes_decode_with_an_independent_decoder()
    {
        var root = NodeDecoder.Decode(Serialize(OrderPlacedMessagePackSerializer.Instance, Sample()));

        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(
            ["Id", "Customer", "Lines", "Channel", "Tags", "ShippedAt", "ReturnedVia", "Coupons", "Priority"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Id.ToString("N"), root.GetProperty("Id").GetProperty("$bin").GetString());
        Assert.Equal("{\"Name\":\"Ada\",\"ShipTo\":{\"Street\":\"Main\",\"Number\":null}}", root.GetProperty("Customer").GetRawText());
        Assert.Equal("[{\"Sku\":\"s-1\",\"Quantity\":2,\"Price\":\"9.90\"},{\"Sku\":\"s-2\",\"Quantity\":-1,\"Price\":\"0\"}]", root.GetProperty("Lines").GetRawText());
        Assert.Equal(255, root.GetProperty("Channel").GetInt32());
        Assert.Equal("{\"vip\":[1,2,3],\"none\":[]}", root.GetProperty("Tags").GetRawText());
        Assert.Equal(-90, root.GetProperty("ShippedAt")[1].GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnedVia").ValueKind);
        Assert.Equal(["A10", "B20"], root.GetProperty("Coupons").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal(9, root.GetProperty("Priority").GetInt32());
    }

    private static OrderPlaced Sample()
    {
        var order = new OrderPlaced(
            Id,
            new Customer("Ada", new Customer.Address("Main", null)),
            [new OrderLine("s-1", 2, 9.90m), new OrderLine("s-2", -1, 0m)],
            Channel.Phone)
        {
            Tags = new() { ["vip"] = [1, 2, 3], ["none"] = [] },
            ShippedAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.FromMinutes(-90)),
            ReturnedVia = null,
            Priority = 9,
        };
        order.Coupons.Add("A10");
        order.Coupons.Add("B20");
        return order;
    }

    private static byte[] Serialize<T>(IMessagePackSerializer<T> serializer, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        serializer.Serialize(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static T Deserialize<T>(IMessagePackSerializer<T> serializer, byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        var value = serializer.Deserialize(ref reader);
        Assert.True(reader.End, $"deserialization left {bytes.Length - reader.Position} bytes unread");
        return value;
    }
}
