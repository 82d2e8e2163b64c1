using System.Buffers;
using System.Globalization;
using System.Text.Json;
using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using Library = MessagePack;

namespace StreamGen.Generators.Tests;

/// <summary>
/// StreamGen's state bytes read by MessagePack-CSharp (the library the design names), which shares no code with
/// StreamGen's writer: whole snapshots convert to JSON with <c>MessagePackSerializer.ConvertToJson</c>, and every
/// primitive reads back through the library's <c>MessagePackReader</c> — the numbers, strings, binaries and headers
/// directly, the types StreamGen encodes its own way (decimal, DateTime, DateTimeOffset, Guid) through the spelled-out
/// rule of docs/state-format.md. Integers and strings are written byte for byte as the library writes them.
/// </summary>
public sealed class MessagePackLibraryReadTests
{
    [Fact]
    public void A_whole_operator_snapshot_converts_to_json_with_the_library()
    {
        var op = new AllTypesOperator
        {
            Int64 = long.MinValue,
            UInt64 = ulong.MaxValue,
            String = "grüße",
            Decimal = 12.50m,
            Person = new Person("Ada", 36, [new Address("Main", 7)]) { Nickname = "ada" },
            Dictionary = new() { ["a"] = [1, 2] },
        };

        var schema = ((StreamGen.State.ICheckpointedOperator)op).StateSchema;
        var json = JsonDocument.Parse(Library.MessagePackSerializer.ConvertToJson(StateBytes.Snapshot(op))).RootElement;
        JsonElement Field(string name) => json[schema.Fields.Select(f => f.Name).ToList().IndexOf(name)];

        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(schema.Fields.Count, json.GetArrayLength());
        Assert.Equal(long.MinValue, Field("Int64").GetInt64());
        Assert.Equal(ulong.MaxValue, Field("UInt64").GetUInt64());
        Assert.Equal("12.50", Field("Decimal").GetString());
        Assert.Equal("grüße", Field("String").GetString());
        Assert.Equal("Ada", Field("Person").GetProperty("Name").GetString());
        Assert.Equal("Main", Field("Person").GetProperty("Addresses")[0].GetProperty("Street").GetString());
        Assert.Equal(2, Field("Dictionary").GetProperty("a")[1].GetInt32());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(65535L)]
    [InlineData(65536L)]
    [InlineData(4294967295L)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(-32L)]
    [InlineData(-33L)]
    [InlineData(-128L)]
    [InlineData(-129L)]
    [InlineData(-32768L)]
    [InlineData(-32769L)]
    [InlineData(-2147483648L)]
    [InlineData(-2147483649L)]
    [InlineData(long.MinValue)]
    public void Integers_are_the_bytes_the_library_writes_and_read_back_with_it(long value)
    {
        var ours = Write((ref w) => w.Write(value));
        Assert.Equal(LibraryWrite((ref w) => w.Write(value)), ours);

        var reader = new Library.MessagePackReader(ours);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Strings_binaries_and_headers_are_the_bytes_the_library_writes(int length)
    {
        var text = new string('é', length / 2) + new string('x', length % 2);
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        Assert.Equal(LibraryWrite((ref w) => w.Write(text)), Write((ref w) => w.Write(text)));
        Assert.Equal(LibraryWrite((ref w) => w.Write(bytes)), Write((ref w) => w.Write(bytes)));
        Assert.Equal(LibraryWrite((ref w) => w.WriteArrayHeader(length)), Write((ref w) => w.WriteArrayHeader(length)));
        Assert.Equal(LibraryWrite((ref w) => w.WriteMapHeader(length)), Write((ref w) => w.WriteMapHeader(length)));

        var reader = new Library.MessagePackReader(Write((ref w) => w.Write(text)));
        Assert.Equal(text, reader.ReadString());
        reader = new Library.MessagePackReader(Write((ref w) => w.Write(bytes)));
        Assert.Equal(bytes, reader.ReadBytes()!.Value.ToArray());
    }

    [Fact]
    public void Floats_booleans_chars_and_nil_are_the_bytes_the_library_writes()
    {
        foreach (var value in new[] { 0.0, -0.0, double.NaN, double.Epsilon, double.MaxValue, 0.1 })
        {
            Assert.Equal(LibraryWrite((ref w) => w.Write(value)), Write((ref w) => w.Write(value)));
            Assert.Equal(LibraryWrite((ref w) => w.Write((float)value)), Write((ref w) => w.Write((float)value)));
        }

        Assert.Equal(LibraryWrite((ref w) => w.Write(true)), Write((ref w) => w.Write(true)));
        Assert.Equal(LibraryWrite((ref w) => w.Write('\ud800')), Write((ref w) => w.Write('\ud800')));
        Assert.Equal(LibraryWrite((ref w) => w.WriteNil()), Write((ref w) => w.WriteNil()));
    }

    [Fact]
    public void Decimal_datetime_datetimeoffset_timespan_and_guid_read_with_the_library_primitives()
    {
        var at = new DateTime(2026, 11, 27, 16, 50, 1, DateTimeKind.Local).AddTicks(7);
        var offset = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromMinutes(-150)).AddTicks(3);
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var bytes = Write((ref w) =>
        {
            w.Write(-0.0000000000000000000000000001m);
            w.Write(at);
            w.Write(offset);
            w.Write(TimeSpan.FromTicks(-5));
            w.Write(id);
        });

        // The rules of docs/state-format.md, spelled out with the library's primitives.
        var reader = new Library.MessagePackReader(bytes);
        Assert.Equal(-0.0000000000000000000000000001m, decimal.Parse(reader.ReadString()!, CultureInfo.InvariantCulture));
        Assert.Equal(at, DateTime.FromBinary(reader.ReadInt64()));
        Assert.Equal(2, reader.ReadArrayHeader());
        var back = new DateTimeOffset(reader.ReadInt64(), TimeSpan.FromMinutes(reader.ReadInt16()));
        Assert.Equal(offset, back);
        Assert.Equal(offset.Offset, back.Offset);
        Assert.Equal(TimeSpan.FromTicks(-5), TimeSpan.FromTicks(reader.ReadInt64()));
        Assert.Equal(id, new Guid(reader.ReadBytes()!.Value.ToArray(), bigEndian: true));
        Assert.True(reader.End);
    }

    private delegate void WriteOurs(ref StreamGen.Serialization.MessagePackWriter writer);

    private delegate void WriteLibrary(ref Library.MessagePackWriter writer);

    private static byte[] Write(WriteOurs write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new StreamGen.Serialization.MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] LibraryWrite(WriteLibrary write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Library.MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
