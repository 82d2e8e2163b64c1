using StreamGen.Generators.Tests.Operators;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>Random but reproducible state values (a seeded <see cref="Random"/>), biased towards edge cases.</summary>
internal sealed class RandomState(int seed)
{
    private readonly Random _random = new(seed);

    public void Fill(AllTypesOperator op)
    {
        op.Bool = Bool();
        op.Byte = (byte)Int64(byte.MinValue, byte.MaxValue);
        op.SByte = (sbyte)Int64(sbyte.MinValue, sbyte.MaxValue);
        op.Int16 = (short)Int64(short.MinValue, short.MaxValue);
        op.UInt16 = (ushort)Int64(ushort.MinValue, ushort.MaxValue);
        op.Int32 = (int)Int64(int.MinValue, int.MaxValue);
        op.UInt32 = (uint)Int64(uint.MinValue, uint.MaxValue);
        op.Int64 = Int64(long.MinValue, long.MaxValue);
        op.UInt64 = unchecked((ulong)Int64(long.MinValue, long.MaxValue));
        op.Char = (char)Int64(char.MinValue, char.MaxValue);
        op.Single = (float)Double();
        op.Double = Double();
        op.Decimal = Decimal();
        op.String = NullableString();
        op.NonNullString = String();
        op.DateTime = DateTime();
        op.DateTimeOffset = DateTimeOffset();
        op.TimeSpan = new TimeSpan(Int64(long.MinValue, long.MaxValue));
        op.Guid = Guid();
        op.Color = Pick(Color.Red, Color.Green, Color.Blue, (Color)Int64(0, 255));
        op.Wide = Pick(Wide.Min, Wide.Zero, Wide.Max, (Wide)Int64(long.MinValue, long.MaxValue));
        op.NullableInt = Maybe(() => (int)Int64(int.MinValue, int.MaxValue));
        op.NullableGuid = Maybe(Guid);
        op.NullablePoint = Maybe(Point);
        op.IntArray = OrNull(() => Many(() => (int)Int64(int.MinValue, int.MaxValue)).ToArray());
        op.StringArray = OrNull(() => Many(NullableString).ToArray());
        op.Bytes = OrNull(() => Many(() => (byte)_random.Next(256), 300).ToArray());
        op.Jagged = OrNull(() => Many(() => OrNull(() => Many(() => _random.Next()).ToArray())!).ToArray());
        op.List = OrNull(() => Many(String).ToList());
        op.NestedList = OrNull(() => Many(() => OrNull(() => Many(() => _random.Next()).ToList())!).ToList());
        op.Dictionary = OrNull(() => Distinct(String).ToDictionary(k => k, _ => OrNull(() => Many(() => _random.Next()).ToList())!));
        op.DictionaryOfNullable = OrNull(() => Distinct(() => (int)Int64(int.MinValue, int.MaxValue)).ToDictionary(k => k, _ => NullableString()));
        op.Set = OrNull(() => Distinct(String).ToHashSet());
        op.Queue = OrNull(() => new Queue<long>(Many(() => Int64(long.MinValue, long.MaxValue))));
        op.Tuple = ((int)Int64(int.MinValue, int.MaxValue), NullableString()!);
        op.NamedTuple = (String(), OrNull(() => Many(() => _random.Next()).ToList())!, OrNull(Person));
        op.Person = OrNull(Person);
        op.Order = OrNull(() => Order(3));
        op.Point = Point();
        op.Period = new Period(DateTime(), new TimeSpan(Int64(long.MinValue, long.MaxValue)));
        op.Money = OrNull(() => new Money(Decimal(), String()));
        op.People = OrNull(() => Many(() => OrNull(Person)!).ToList());
        op.Addresses = OrNull(() => Distinct(Guid).ToDictionary(k => k, _ => Address()));
        op.Property = Int64(long.MinValue, long.MaxValue);
    }

    public void Fill(ref KeyedAllTypesOperator.KeyedState state)
    {
        state.Count = Int64(long.MinValue, long.MaxValue);
        state.Last = NullableString();
        state.Seen = Distinct(String).ToHashSet();
        state.Buckets = Distinct(String).ToDictionary(k => k, _ => Many(() => _random.Next()).ToList());
        state.Person = OrNull(Person);
        state.Order = Order(2);
        state.Pair = ((int)Int64(int.MinValue, int.MaxValue), DateTimeOffset());
        state.Amount = Decimal();
        state.Pending = OrNull(() => new Queue<Guid>(Many(Guid)));
    }

    public string String()
    {
        const string alphabet = "abcXYZ019 _-é中文🌍\u0000\t\"\\";
        var length = Pick(0, 1, 31, 32, _random.Next(0, 300));
        var chars = new List<char>();
        while (chars.Count < length)
        {
            var index = _random.Next(alphabet.Length);
            if (char.IsHighSurrogate(alphabet[index]))
            {
                chars.Add(alphabet[index]);
                chars.Add(alphabet[index + 1]);
            }
            else if (!char.IsLowSurrogate(alphabet[index]))
            {
                chars.Add(alphabet[index]);
            }
        }

        return new string(chars.ToArray());
    }

    private string? NullableString() => OrNull(String);

    private bool Bool() => _random.Next(2) == 0;

    private long Int64(long min, long max)
        => _random.Next(6) switch
        {
            0 => min,
            1 => max,
            2 => Math.Clamp(0, min, max),
            3 => Math.Clamp(_random.Next(-40, 300), min, max),
            _ => min + (long)((ulong)_random.NextInt64() % ((ulong)(max - min) + 1 == 0 ? ulong.MaxValue : (ulong)(max - min) + 1)),
        };

    private double Double()
        => _random.Next(8) switch
        {
            0 => double.NaN,
            1 => double.PositiveInfinity,
            2 => -0.0,
            3 => double.MaxValue,
            4 => double.Epsilon,
            _ => (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-20, 20)),
        };

    private decimal Decimal()
        => _random.Next(5) switch
        {
            0 => decimal.MaxValue,
            1 => decimal.MinValue,
            2 => 0.000m,
            _ => new decimal(_random.Next(), _random.Next(), _random.Next(), Bool(), (byte)_random.Next(29)),
        };

    private DateTime DateTime()
        => _random.Next(4) switch
        {
            0 => System.DateTime.MinValue,
            1 => System.DateTime.MaxValue,
            _ => new DateTime(Int64(System.DateTime.MinValue.Ticks, System.DateTime.MaxValue.Ticks), Pick(DateTimeKind.Utc, DateTimeKind.Unspecified)),
        };

    private DateTimeOffset DateTimeOffset()
    {
        var offset = TimeSpan.FromMinutes(_random.Next(-14 * 60, 14 * 60 + 1));
        var ticks = Int64(System.DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, System.DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
        return new DateTimeOffset(ticks, offset);
    }

    private Guid Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private Point Point() => new() { X = _random.Next(), Y = -_random.Next() };

    private Address Address() => new(String(), Maybe(() => _random.Next()));

    private Person Person()
        => new(String(), _random.Next(), Many(Address).ToList())
        {
            Nickname = NullableString(),
            Scores = Distinct(String).ToDictionary(k => k, _ => Double()),
        };

    private Order Order(int depth)
    {
        var order = new Order
        {
            Id = Guid(),
            Total = Decimal(),
            Lines = Many(String).ToList(),
            Priority = _random.Next(),
            Parent = depth > 0 ? OrNull(() => Order(depth - 1)) : null,
        };
        foreach (var tag in Distinct(String))
        {
            order.Tags[tag] = Many(() => _random.Next()).ToList();
        }

        foreach (var entry in Many(String))
        {
            order.History.Enqueue(entry);
        }

        return order;
    }

    private T? OrNull<T>(Func<T> create)
        where T : class
        => _random.Next(5) == 0 ? null : create();

    private T? Maybe<T>(Func<T> create)
        where T : struct
        => _random.Next(4) == 0 ? null : create();

    private IEnumerable<T> Many<T>(Func<T> create, int max = 8)
    {
        var count = _random.Next(0, max + 1);
        for (var i = 0; i < count; i++)
        {
            yield return create();
        }
    }

    private IEnumerable<T> Distinct<T>(Func<T> create) => Many(create).Distinct();

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];
}
