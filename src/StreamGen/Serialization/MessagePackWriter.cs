using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamGen.Serialization;

/// <summary>
/// Writes the MessagePack wire format into an <see cref="IBufferWriter{T}"/>. Integers use the most
/// compact encoding, strings are UTF-8. Call <see cref="Flush"/> when done: bytes are committed to the
/// output in chunks, not per value, so writing a value costs a bounds check and a few stores.
/// </summary>
/// <remarks>
/// Encodings beyond the spec's core types (documented in docs/state-format.md):
/// <see cref="DateTime"/> as int64 <see cref="DateTime.ToBinary"/> (keeps <see cref="DateTime.Kind"/>),
/// <see cref="DateTimeOffset"/> as [ticks, offset minutes], <see cref="TimeSpan"/> as int64 ticks,
/// <see cref="Guid"/> as bin 16 (RFC 4122 byte order), <see cref="decimal"/> as its invariant string.
/// </remarks>
public ref struct MessagePackWriter
{
    private const int MinChunk = 4096;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits buffered bytes to the output. Call once after the last value.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Writes <c>nil</c>.</summary>
    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    /// <summary>Writes a boolean.</summary>
    public void Write(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(byte value) => Write((ulong)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(sbyte value) => Write((long)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(short value) => Write((long)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(ushort value) => Write((ulong)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(int value) => Write((long)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(uint value) => Write((ulong)value);

    /// <summary>Writes a character as its UTF-16 code unit (an unsigned integer).</summary>
    public void Write(char value) => Write((ulong)value);

    /// <summary>Writes an integer in its most compact form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)(sbyte)value);
            _buffered += 2;
        }
        else if (value >= short.MinValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _buffered += 3;
        }
        else if (value >= int.MinValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _buffered += 5;
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _buffered += 9;
        }
    }

    /// <summary>Writes an unsigned integer in its most compact form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            _buffered += 2;
        }
        else if (value <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _buffered += 3;
        }
        else if (value <= uint.MaxValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _buffered += 5;
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _buffered += 9;
        }
    }

    /// <summary>Writes a float 32.</summary>
    public void Write(float value)
    {
        var span = Reserve(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        _buffered += 5;
    }

    /// <summary>Writes a float 64.</summary>
    public void Write(double value)
    {
        var span = Reserve(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _buffered += 9;
    }

    /// <summary>Writes a decimal as its invariant-culture string, which round-trips value and scale.</summary>
    public void Write(decimal value)
    {
        Span<char> chars = stackalloc char[32];
        value.TryFormat(chars, out var written, default, CultureInfo.InvariantCulture);
        Write(chars[..written]);
    }

    /// <summary>Writes a <see cref="DateTime"/> as int64 <see cref="DateTime.ToBinary"/>.</summary>
    public void Write(DateTime value) => Write(value.ToBinary());

    /// <summary>Writes a <see cref="DateTimeOffset"/> as a 2-array [UTC-independent ticks, offset minutes].</summary>
    public void Write(DateTimeOffset value)
    {
        WriteArrayHeader(2);
        Write(value.Ticks);
        Write((short)value.TotalOffsetMinutes);
    }

    /// <summary>Writes a <see cref="TimeSpan"/> as int64 ticks.</summary>
    public void Write(TimeSpan value) => Write(value.Ticks);

    /// <summary>Writes a <see cref="Guid"/> as bin 16 in big-endian (RFC 4122) order.</summary>
    public void Write(Guid value)
    {
        var span = Reserve(18);
        span[0] = MessagePackCode.Bin8;
        span[1] = 16;
        value.TryWriteBytes(span.Slice(2, 16), bigEndian: true, out _);
        _buffered += 18;
    }

    /// <summary>Writes a string as UTF-8, or <c>nil</c> for <see langword="null"/>.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        Write(value.AsSpan());
    }

    /// <summary>Writes UTF-16 characters as a UTF-8 string.</summary>
    public void Write(scoped ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        var span = Reserve(byteCount);
        _buffered += Encoding.UTF8.GetBytes(value, span);
    }

    /// <summary>Writes already-encoded UTF-8 bytes as a string.</summary>
    public void WriteString(scoped ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes a byte array as bin, or <c>nil</c> for <see langword="null"/>.</summary>
    public void Write(byte[]? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        WriteBinary(value);
    }

    /// <summary>Writes bytes as bin.</summary>
    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        if (length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
            _buffered += 2;
        }
        else if (length <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _buffered += 3;
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            _buffered += 5;
        }

        WriteRaw(value);
    }

    /// <summary>Writes an array header; the <paramref name="count"/> elements follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MessagePackCode.MinFixArray | count));
        }
        else if (count <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Array16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _buffered += 3;
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Array32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _buffered += 5;
        }
    }

    /// <summary>Writes a map header; <paramref name="count"/> key/value pairs follow.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(MessagePackCode.MinFixMap | count));
        }
        else if (count <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Map16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _buffered += 3;
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Map32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _buffered += 5;
        }
    }

    /// <summary>Writes an extension header; <paramref name="length"/> payload bytes must follow via <see cref="WriteRaw"/>.</summary>
    public void WriteExtensionHeader(sbyte typeCode, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var span = Reserve(6);
        var n = length switch
        {
            1 => Fixed(span, MessagePackCode.FixExt1),
            2 => Fixed(span, MessagePackCode.FixExt2),
            4 => Fixed(span, MessagePackCode.FixExt4),
            8 => Fixed(span, MessagePackCode.FixExt8),
            16 => Fixed(span, MessagePackCode.FixExt16),
            <= byte.MaxValue => Sized8(span, length),
            <= ushort.MaxValue => Sized16(span, length),
            _ => Sized32(span, length),
        };
        span[n] = unchecked((byte)typeCode);
        _buffered += n + 1;

        static int Fixed(Span<byte> s, byte code)
        {
            s[0] = code;
            return 1;
        }

        static int Sized8(Span<byte> s, int len)
        {
            s[0] = MessagePackCode.Ext8;
            s[1] = (byte)len;
            return 2;
        }

        static int Sized16(Span<byte> s, int len)
        {
            s[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)len);
            return 3;
        }

        static int Sized32(Span<byte> s, int len)
        {
            s[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)len);
            return 5;
        }
    }

    /// <summary>Copies bytes that are already MessagePack (or an extension payload) to the output.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var span = Reserve(Math.Min(bytes.Length, MinChunk));
            var n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            _buffered += n;
            bytes = bytes[n..];
        }
    }

    private void WriteStringHeader(int byteCount)
    {
        if (byteCount <= 31)
        {
            WriteByte((byte)(MessagePackCode.MinFixStr | byteCount));
        }
        else if (byteCount <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
            _buffered += 2;
        }
        else if (byteCount <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
            _buffered += 3;
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
            _buffered += 5;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        var span = Reserve(1);
        span[0] = value;
        _buffered++;
    }

    /// <summary>Returns at least <paramref name="size"/> writable bytes (more when the chunk has them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_span.Length - _buffered < size)
        {
            NextChunk(size);
        }

        return _span[_buffered..];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NextChunk(int size)
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = _output.GetSpan(Math.Max(size, MinChunk));
    }
}
