using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>
/// Every supported type survives snapshot → restore through the generated code, edge values included, and the
/// restored operator snapshots to the very same bytes.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Integers_at_their_limits()
    {
        foreach (var sign in new[] { -1, 0, 1 })
        {
            var restored = RoundTrip(op =>
            {
                op.Byte = sign < 0 ? byte.MinValue : sign == 0 ? (byte)127 : byte.MaxValue;
                op.SByte = sign < 0 ? sbyte.MinValue : sign == 0 ? (sbyte)-32 : sbyte.MaxValue;
                op.Int16 = sign < 0 ? short.MinValue : sign == 0 ? (short)-33 : short.MaxValue;
                op.UInt16 = sign < 0 ? ushort.MinValue : sign == 0 ? (ushort)256 : ushort.MaxValue;
                op.Int32 = sign < 0 ? int.MinValue : sign == 0 ? -129 : int.MaxValue;
                op.UInt32 = sign < 0 ? uint.MinValue : sign == 0 ? 65536u : uint.MaxValue;
                op.Int64 = sign < 0 ? long.MinValue : sign == 0 ? -2147483649L : long.MaxValue;
                op.UInt64 = sign < 0 ? ulong.MinValue : sign == 0 ? 4294967296UL : ulong.MaxValue;
                op.Char = sign < 0 ? char.MinValue : sign == 0 ? '\ud800' : char.MaxValue;
                op.Bool = sign > 0;
                op.Property = sign < 0 ? long.MinValue : long.MaxValue;
            });

            Assert.Equal(sign < 0 ? byte.MinValue : sign == 0 ? (byte)127 : byte.MaxValue, restored.Byte);
            Assert.Equal(sign < 0 ? sbyte.MinValue : sign == 0 ? (sbyte)-32 : sbyte.MaxValue, restored.SByte);
            Assert.Equal(sign < 0 ? short.MinValue : sign == 0 ? (short)-33 : short.MaxValue, restored.Int16);
            Assert.Equal(sign < 0 ? ushort.MinValue : sign == 0 ? (ushort)256 : ushort.MaxValue, restored.UInt16);
            Assert.Equal(sign < 0 ? int.MinValue : sign == 0 ? -129 : int.MaxValue, restored.Int32);
            Assert.Equal(sign < 0 ? uint.MinValue : sign == 0 ? 65536u : uint.MaxValue, restored.UInt32);
            Assert.Equal(sign < 0 ? long.MinValue : sign == 0 ? -2147483649L : long.MaxValue, restored.Int64);
            Assert.Equal(sign < 0 ? ulong.MinValue : sign == 0 ? 4294967296UL : ulong.MaxValue, restored.UInt64);
            Assert.Equal(sign < 0 ? char.MinValue : sign == 0 ? '\ud800' : char.MaxValue, restored.Char);
            Assert.Equal(sign > 0, restored.Bool);
            Assert.Equal(sign < 0 ? long.MinValue : long.MaxValue, restored.Property);
        }
    }

    [Fact]
    public void Floating_point_values_keep_their_bits()
    {
        foreach (var value in new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, 0.1 })
        {
            AssertFloatRoundTrip(value);
        }
    }

    private static void AssertFloatRoundTrip(double value)
    {
        var restored = RoundTrip(op =>
        {
            op.Double = value;
            op.Single = (float)value;
        });

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(restored.Double));
        Assert.Equal(BitConverter.SingleToInt32Bits((float)value), BitConverter.SingleToInt32Bits(restored.Single));
    }

    [Fact]
    public void Decimals_keep_value_and_scale()
    {
        foreach (var value in new[] { decimal.MinValue, decimal.MaxValue, 0m, 1.00m, -0.0000000000000000000000000001m, 123456789.123456789m })
        {
            var restored = RoundTrip(op => op.Decimal = value);
            Assert.Equal(value, restored.Decimal);
            Assert.Equal(value.Scale, restored.Decimal.Scale);
        }
    }

    [Fact]
    public void Strings_null_empty_unicode_and_long()
    {
        var cases = new[]
        {
            null,
            "",
            "héllo wörld",
            "emoji 🌍🚀 中文 العربية \u0000 nul",
            new string('x', 31),
            new string('x', 32),
            new string('é', 128),
            new string('z', 70_000),
        };
        foreach (var value in cases)
        {
            var restored = RoundTrip(op =>
            {
                op.String = value;
                op.NonNullString = value ?? "set";
            });
            Assert.Equal(value, restored.String);
            Assert.Equal(value ?? "set", restored.NonNullString);
        }
    }

    [Fact]
    public void Dates_times_and_guids()
    {
        var now = new DateTime(2026, 11, 21, 11, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
        foreach (var (dateTime, offset, span, guid) in new[]
                 {
                     (DateTime.MinValue, DateTimeOffset.MinValue, TimeSpan.MinValue, Guid.Empty),
                     (DateTime.MaxValue, DateTimeOffset.MaxValue, TimeSpan.MaxValue, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff")),
                     (now, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(14)), TimeSpan.Zero, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")),
                     (DateTime.SpecifyKind(now, DateTimeKind.Unspecified), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-570)), TimeSpan.FromTicks(-1), Guid.NewGuid()),
                 })
        {
            var restored = RoundTrip(op =>
            {
                op.DateTime = dateTime;
                op.DateTimeOffset = offset;
                op.TimeSpan = span;
                op.Guid = guid;
            });

            Assert.Equal(dateTime, restored.DateTime);
            Assert.Equal(dateTime.Kind, restored.DateTime.Kind);
            Assert.Equal(offset, restored.DateTimeOffset);
            Assert.Equal(offset.Offset, restored.DateTimeOffset.Offset);
            Assert.Equal(span, restored.TimeSpan);
            Assert.Equal(guid, restored.Guid);
        }
    }

    [Fact]
    public void Local_kind_date_time_is_kept()
    {
        var local = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local);
        var restored = RoundTrip(op => op.DateTime = local);
        Assert.Equal(local, restored.DateTime);
        Assert.Equal(DateTimeKind.Local, restored.DateTime.Kind);
    }

    [Fact]
    public void Enums_are_written_as_their_underlying_integer()
    {
        foreach (var (color, wide) in new[] { (Color.Red, Wide.Min), (Color.Blue, Wide.Max), ((Color)77, Wide.Zero) })
        {
            var restored = RoundTrip(op =>
            {
                op.Color = color;
                op.Wide = wide;
            });
            Assert.Equal(color, restored.Color);
            Assert.Equal(wide, restored.Wide);
        }
    }

    [Fact]
    public void Nullables_with_and_without_value()
    {
        var restored = RoundTrip(op =>
        {
            op.NullableInt = null;
            op.NullableGuid = null;
            op.NullablePoint = null;
        });
        Assert.Null(restored.NullableInt);
        Assert.Null(restored.NullableGuid);
        Assert.Null(restored.NullablePoint);

        var guid = Guid.NewGuid();
        restored = RoundTrip(op =>
        {
            op.NullableInt = int.MinValue;
            op.NullableGuid = guid;
            op.NullablePoint = new Point { X = -1, Y = int.MaxValue };
        });
        Assert.Equal(int.MinValue, restored.NullableInt);
        Assert.Equal(guid, restored.NullableGuid);
        Assert.Equal(-1, restored.NullablePoint!.Value.X);
        Assert.Equal(int.MaxValue, restored.NullablePoint!.Value.Y);
    }

    [Fact]
    public void Arrays_null_empty_large_and_jagged()
    {
        var restored = RoundTrip(op =>
        {
            op.IntArray = null;
            op.StringArray = null;
            op.Bytes = null;
            op.Jagged = null;
        });
        Assert.Null(restored.IntArray);
        Assert.Null(restored.StringArray);
        Assert.Null(restored.Bytes);
        Assert.Null(restored.Jagged);

        restored = RoundTrip(op =>
        {
            op.IntArray = [];
            op.StringArray = [];
            op.Bytes = [];
            op.Jagged = [];
        });
        Assert.Empty(restored.IntArray!);
        Assert.Empty(restored.StringArray!);
        Assert.Empty(restored.Bytes!);
        Assert.Empty(restored.Jagged!);

        var large = Enumerable.Range(-35_000, 70_000).ToArray();
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        restored = RoundTrip(op =>
        {
            op.IntArray = large;
            op.StringArray = ["a", null, "", "ü"];
            op.Bytes = bytes;
            op.Jagged = [[1, 2], [], null!, [int.MinValue]];
        });
        Assert.Equal(large, restored.IntArray);
        Assert.Equal(new[] { "a", null, "", "ü" }, restored.StringArray);
        Assert.Equal(bytes, restored.Bytes);
        Assert.Equal(4, restored.Jagged!.Length);
        Assert.Equal(new[] { 1, 2 }, restored.Jagged[0]);
        Assert.Empty(restored.Jagged[1]);
        Assert.Null(restored.Jagged[2]);
        Assert.Equal(new[] { int.MinValue }, restored.Jagged[3]);
    }

    [Fact]
    public void Collections_null_empty_and_nested()
    {
        var restored = RoundTrip(op =>
        {
            op.List = null;
            op.NestedList = null;
            op.Dictionary = null;
            op.DictionaryOfNullable = null;
            op.Set = null;
            op.Queue = null;
        });
        Assert.Null(restored.List);
        Assert.Null(restored.NestedList);
        Assert.Null(restored.Dictionary);
        Assert.Null(restored.DictionaryOfNullable);
        Assert.Null(restored.Set);
        Assert.Null(restored.Queue);

        restored = RoundTrip(op =>
        {
            op.List = [];
            op.NestedList = [];
            op.Dictionary = [];
            op.DictionaryOfNullable = [];
            op.Set = [];
            op.Queue = new Queue<long>();
        });
        Assert.Empty(restored.List!);
        Assert.Empty(restored.NestedList!);
        Assert.Empty(restored.Dictionary!);
        Assert.Empty(restored.DictionaryOfNullable!);
        Assert.Empty(restored.Set!);
        Assert.Empty(restored.Queue!);

        var queue = new Queue<long>();
        queue.Enqueue(long.MaxValue);
        queue.Enqueue(-1);
        queue.Enqueue(0);
        queue.Dequeue();
        queue.Enqueue(7);
        restored = RoundTrip(op =>
        {
            op.List = ["b", "a", "", "🌍"];
            op.NestedList = [[], [1], [2, 3], null!];
            op.Dictionary = new() { ["x"] = [1, 2], ["empty"] = [], ["null"] = null! };
            op.DictionaryOfNullable = new() { [int.MinValue] = null, [0] = "zero" };
            op.Set = ["one", "two", "three"];
            op.Queue = queue;
        });
        Assert.Equal(new[] { "b", "a", "", "🌍" }, restored.List);
        Assert.Equal(4, restored.NestedList!.Count);
        Assert.Null(restored.NestedList[3]);
        Assert.Equal(new[] { 2, 3 }, restored.NestedList[2]);
        Assert.Equal(new[] { 1, 2 }, restored.Dictionary!["x"]);
        Assert.Empty(restored.Dictionary["empty"]);
        Assert.Null(restored.Dictionary["null"]);
        Assert.Null(restored.DictionaryOfNullable![int.MinValue]);
        Assert.Equal("zero", restored.DictionaryOfNullable[0]);
        Assert.True(restored.Set!.SetEquals(["one", "two", "three"]));
        Assert.Equal(new long[] { -1, 0, 7 }, restored.Queue!);
    }

    [Fact]
    public void Tuples()
    {
        var restored = RoundTrip(op =>
        {
            op.Tuple = (int.MaxValue, "t");
            op.NamedTuple = ("name", [1, 2, 3], new Person("p", 1, []));
        });
        Assert.Equal((int.MaxValue, "t"), restored.Tuple);
        Assert.Equal("name", restored.NamedTuple.Name);
        Assert.Equal(new[] { 1, 2, 3 }, restored.NamedTuple.Values);
        Assert.Equal("p", restored.NamedTuple.Who!.Name);

        restored = RoundTrip(op =>
        {
            op.Tuple = default;
            op.NamedTuple = default;
        });
        Assert.Null(restored.Tuple.Item2);
        Assert.Null(restored.NamedTuple.Values);
        Assert.Null(restored.NamedTuple.Who);
    }

    [Fact]
    public void User_records_classes_and_structs()
    {
        var id = Guid.NewGuid();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var restored = RoundTrip(op =>
        {
            op.Person = new Person("Ada", 36, [new Address("Main St", 1), new Address("", null)])
            {
                Nickname = "Countess",
                Scores = new() { ["math"] = 99.5, ["nan"] = double.NaN },
            };
            op.Order = new Order
            {
                Id = id,
                Total = 12.34m,
                Lines = ["a"],
                Priority = 0,
                Parent = new Order { Lines = [], Parent = new Order { Total = -1m } },
            };
            op.Order.Tags["t"] = [1, 2];
            op.Order.History.Enqueue("created");
            op.Point = new Point { X = int.MinValue, Y = int.MaxValue };
            op.Period = new Period(start, TimeSpan.FromDays(3));
            op.Money = new Money(9.99m, "€");
            op.People = [new Person("a", 1, []), null!];
            op.Addresses = new() { [id] = new Address("Street ✓", -5) };
        });

        var person = restored.Person!;
        Assert.Equal("Ada", person.Name);
        Assert.Equal(36, person.Age);
        Assert.Equal(new[] { new Address("Main St", 1), new Address("", null) }, person.Addresses);
        Assert.Equal("Countess", person.Nickname);
        Assert.Equal(99.5, person.Scores["math"]);
        Assert.True(double.IsNaN(person.Scores["nan"]));

        var order = restored.Order!;
        Assert.Equal(id, order.Id);
        Assert.Equal(12.34m, order.Total);
        Assert.Equal(new[] { "a" }, order.Lines);
        Assert.Equal(0, order.Priority);
        Assert.Equal(new[] { 1, 2 }, order.Tags["t"]);
        Assert.Equal(new[] { "created" }, order.History);
        Assert.Empty(order.Parent!.Lines);
        Assert.Equal(-1m, order.Parent.Parent!.Total);
        Assert.Null(order.Parent.Parent.Parent);

        Assert.Equal(int.MinValue, restored.Point.X);
        Assert.Equal(int.MaxValue, restored.Point.Y);
        Assert.Equal(new Period(start, TimeSpan.FromDays(3)), restored.Period);
        Assert.Equal(9.99m, restored.Money!.Amount);
        Assert.Equal("€", restored.Money.Currency);
        Assert.Equal("a", restored.People![0].Name);
        Assert.Null(restored.People[1]);
        Assert.Equal(new Address("Street ✓", -5), restored.Addresses![id]);
    }

    [Fact]
    public void Null_user_types()
    {
        var restored = RoundTrip(op =>
        {
            op.Person = null;
            op.Order = null;
            op.Money = null;
            op.People = null;
            op.Addresses = null;
        });
        Assert.Null(restored.Person);
        Assert.Null(restored.Order);
        Assert.Null(restored.Money);
        Assert.Null(restored.People);
        Assert.Null(restored.Addresses);
    }

    [Fact]
    public void Schema_lists_state_members_only_under_their_state_names()
    {
        var schema = ((ICheckpointedOperator)new AllTypesOperator()).StateSchema;
        Assert.Equal("StreamGen.Generators.Tests.Operators.AllTypesOperator", schema.OperatorType);
        Assert.Contains(schema.Fields, f => f.Name == "renamed" && f.TypeName == "long");
        Assert.Contains(schema.Fields, f => f.Name == "Person" && f.TypeName == "global::StreamGen.Generators.Tests.Operators.Person");
        Assert.Contains(schema.Fields, f => f.Name == "NamedTuple" && f.TypeName.StartsWith("(string Name, global::System.Collections.Generic.List<int> Values", StringComparison.Ordinal));
        Assert.DoesNotContain(schema.Fields, f => f.Name is "NotState" or "Property");
        Assert.Equal(44, schema.Fields.Count);
    }

    [Fact]
    public void Stateless_operators_write_an_empty_array()
    {
        ICheckpointedOperator op = new StatelessOperator();
        Assert.Empty(op.StateSchema.Fields);
        var bytes = StateBytes.Snapshot(op);
        Assert.Equal(new byte[] { 0x90 }, bytes);
        StateBytes.Restore(new StatelessOperator(), bytes, op.StateSchema);
    }

    private static AllTypesOperator RoundTrip(Action<AllTypesOperator> set)
    {
        var source = new AllTypesOperator();
        set(source);
        var bytes = StateBytes.Snapshot(source);
        var restored = StateBytes.Restore(new AllTypesOperator(), bytes, ((ICheckpointedOperator)source).StateSchema);
        Assert.Equal(bytes, StateBytes.Snapshot(restored));
        return restored;
    }
}
