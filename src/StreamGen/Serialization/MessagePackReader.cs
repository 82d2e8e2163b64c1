using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamGen.Serialization;

/// <summary>
/// Reads the MessagePack wire format from a span. Every read checks the format byte and the remaining
/// length and throws <see cref="MessagePackFormatException"/> with the byte offset on a mismatch, so a
/// corrupt or truncated state file fails with a precise message instead of garbage values.
/// </summary>
/// <remarks>The encodings of non-core types mirror <see cref="MessagePackWriter"/>.</remarks>
public ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>True when all bytes were consumed.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The family of the next value, without consuming it.</summary>
    public readonly MessagePackType NextType
    {
        get
        {
            if (End)
            {
                return MessagePackType.Unknown;
            }

            var code = _buffer[_position];
            return code switch
            {
                <= MessagePackCode.MaxPositiveFixInt => MessagePackType.Integer,
                <= MessagePackCode.MaxFixMap => MessagePackType.Map,
                <= MessagePackCode.MaxFixArray => MessagePackType.Array,
                <= MessagePackCode.MaxFixStr => MessagePackType.String,
                MessagePackCode.Nil => MessagePackType.Nil,
                MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
                MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => MessagePackType.Binary,
                MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32 => MessagePackType.Extension,
                MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
                >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
                >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
                >= MessagePackCode.Str8 and <= MessagePackCode.Str32 => MessagePackType.String,
                MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
                MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
                >= MessagePackCode.MinNegativeFixInt => MessagePackType.Integer,
                _ => MessagePackType.Unknown,
            };
        }
    }

    /// <summary>Consumes a <c>nil</c> and returns true, or returns false and consumes nothing.</summary>
    public bool TryReadNil()
    {
        if (!End && _buffer[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>nil</c>.</summary>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Unexpected("nil");
        }
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        var code = ReadCode("boolean");
        return code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw Unexpected("boolean", code),
        };
    }

    /// <summary>Reads any integer that fits in a <see cref="long"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        var code = ReadCode("integer");
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            return code;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            return unchecked((sbyte)code);
        }

        return ReadInt64Slow(code);
    }

    private long ReadInt64Slow(byte code)
    {
        switch (code)
        {
            case MessagePackCode.UInt8: return Take(1)[0];
            case MessagePackCode.UInt16: return BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            case MessagePackCode.UInt32: return BinaryPrimitives.ReadUInt32BigEndian(Take(4));
            case MessagePackCode.UInt64:
                var u = BinaryPrimitives.ReadUInt64BigEndian(Take(8));
                if (u > long.MaxValue)
                {
                    throw new MessagePackFormatException($"Integer {u} does not fit in Int64", _position - 9);
                }

                return (long)u;
            case MessagePackCode.Int8: return unchecked((sbyte)Take(1)[0]);
            case MessagePackCode.Int16: return BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case MessagePackCode.Int32: return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case MessagePackCode.Int64: return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            default: throw Unexpected("integer", code);
        }
    }

    /// <summary>Reads any non-negative integer that fits in a <see cref="ulong"/>.</summary>
    public ulong ReadUInt64()
    {
        if (!End && _buffer[_position] == MessagePackCode.UInt64)
        {
            _position++;
            return BinaryPrimitives.ReadUInt64BigEndian(Take(8));
        }

        var start = _position;
        var value = ReadInt64();
        if (value < 0)
        {
            throw new MessagePackFormatException($"Integer {value} does not fit in UInt64", start);
        }

        return (ulong)value;
    }

    /// <summary>Reads an integer into <see cref="int"/>, failing if it is out of range.</summary>
    public int ReadInt32() => (int)ReadRange(int.MinValue, int.MaxValue, "Int32");

    /// <summary>Reads an integer into <see cref="uint"/>, failing if it is out of range.</summary>
    public uint ReadUInt32() => (uint)ReadRange(uint.MinValue, uint.MaxValue, "UInt32");

    /// <summary>Reads an integer into <see cref="short"/>, failing if it is out of range.</summary>
    public short ReadInt16() => (short)ReadRange(short.MinValue, short.MaxValue, "Int16");

    /// <summary>Reads an integer into <see cref="ushort"/>, failing if it is out of range.</summary>
    public ushort ReadUInt16() => (ushort)ReadRange(ushort.MinValue, ushort.MaxValue, "UInt16");

    /// <summary>Reads an integer into <see cref="byte"/>, failing if it is out of range.</summary>
    public byte ReadByte() => (byte)ReadRange(byte.MinValue, byte.MaxValue, "Byte");

    /// <summary>Reads an integer into <see cref="sbyte"/>, failing if it is out of range.</summary>
    public sbyte ReadSByte() => (sbyte)ReadRange(sbyte.MinValue, sbyte.MaxValue, "SByte");

    /// <summary>Reads a UTF-16 code unit written by <see cref="MessagePackWriter.Write(char)"/>.</summary>
    public char ReadChar() => (char)ReadRange(char.MinValue, char.MaxValue, "Char");

    /// <summary>Reads a float 32 (or float 64 / integer, converted).</summary>
    public float ReadSingle()
    {
        if (!End && _buffer[_position] == MessagePackCode.Float32)
        {
            _position++;
            return BinaryPrimitives.ReadSingleBigEndian(Take(4));
        }

        return (float)ReadDouble();
    }

    /// <summary>Reads a float 64 (or float 32 / integer, converted).</summary>
    public double ReadDouble()
    {
        if (End)
        {
            throw Unexpected("float");
        }

        switch (_buffer[_position])
        {
            case MessagePackCode.Float64:
                _position++;
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case MessagePackCode.Float32:
                _position++;
                return BinaryPrimitives.ReadSingleBigEndian(Take(4));
            case MessagePackCode.UInt64:
                return ReadUInt64();
            default:
                if (NextType == MessagePackType.Integer)
                {
                    return ReadInt64();
                }

                throw Unexpected("float", _buffer[_position]);
        }
    }

    /// <summary>Reads a decimal written as its invariant string.</summary>
    public decimal ReadDecimal()
    {
        var start = _position;
        var utf8 = ReadStringSpan();
        if (!decimal.TryParse(Encoding.UTF8.GetString(utf8), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            throw new MessagePackFormatException("String is not a decimal", start);
        }

        return value;
    }

    /// <summary>Reads a <see cref="DateTime"/> written as <see cref="DateTime.ToBinary"/>.</summary>
    public DateTime ReadDateTime()
    {
        var start = _position;
        var raw = ReadInt64();
        try
        {
            return DateTime.FromBinary(raw);
        }
        catch (ArgumentException)
        {
            throw new MessagePackFormatException($"{raw} is not a DateTime", start);
        }
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> written as [ticks, offset minutes].</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        var start = _position;
        if (ReadArrayHeader() != 2)
        {
            throw new MessagePackFormatException("DateTimeOffset must be a 2-element array", start);
        }

        var ticks = ReadInt64();
        var offset = ReadInt16();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
        }
        catch (ArgumentException)
        {
            throw new MessagePackFormatException("Invalid DateTimeOffset", start);
        }
    }

    /// <summary>Reads a <see cref="TimeSpan"/> written as ticks.</summary>
    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    /// <summary>Reads a <see cref="Guid"/> written as bin 16.</summary>
    public Guid ReadGuid()
    {
        var start = _position;
        var bytes = ReadBinarySpan();
        if (bytes.Length != 16)
        {
            throw new MessagePackFormatException($"Guid must be 16 bytes, found {bytes.Length}", start);
        }

        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Reads a string, or <see langword="null"/> for <c>nil</c>.</summary>
    public string? ReadString()
    {
        if (TryReadNil())
        {
            return null;
        }

        return Encoding.UTF8.GetString(ReadStringSpan());
    }

    /// <summary>Reads the UTF-8 bytes of a string without decoding them.</summary>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        var code = ReadCode("string");
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            length = code & 0x1f;
        }
        else
        {
            length = code switch
            {
                MessagePackCode.Str8 => Take(1)[0],
                MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
                MessagePackCode.Str32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
                _ => throw Unexpected("string", code),
            };
        }

        return Take(length);
    }

    /// <summary>Reads a bin value, or <see langword="null"/> for <c>nil</c>.</summary>
    public byte[]? ReadBytes()
    {
        if (TryReadNil())
        {
            return null;
        }

        return ReadBinarySpan().ToArray();
    }

    /// <summary>Reads a bin value without copying it.</summary>
    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        var code = ReadCode("binary");
        var length = code switch
        {
            MessagePackCode.Bin8 => Take(1)[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Bin32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("binary", code),
        };
        return Take(length);
    }

    /// <summary>Reads an array header and returns the element count.</summary>
    public int ReadArrayHeader()
    {
        var code = ReadCode("array");
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            return code & 0x0f;
        }

        var count = code switch
        {
            MessagePackCode.Array16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Array32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("array", code),
        };
        return CheckedCount(count);
    }

    /// <summary>Reads a map header and returns the number of key/value pairs.</summary>
    public int ReadMapHeader()
    {
        var code = ReadCode("map");
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            return code & 0x0f;
        }

        var count = code switch
        {
            MessagePackCode.Map16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Map32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("map", code),
        };
        return CheckedCount(count);
    }

    /// <summary>Reads an extension header; the payload follows (read it with <see cref="ReadRaw"/>).</summary>
    public (sbyte TypeCode, int Length) ReadExtensionHeader()
    {
        var code = ReadCode("extension");
        var length = code switch
        {
            MessagePackCode.FixExt1 => 1,
            MessagePackCode.FixExt2 => 2,
            MessagePackCode.FixExt4 => 4,
            MessagePackCode.FixExt8 => 8,
            MessagePackCode.FixExt16 => 16,
            MessagePackCode.Ext8 => Take(1)[0],
            MessagePackCode.Ext16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Ext32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("extension", code),
        };
        var type = unchecked((sbyte)Take(1)[0]);
        return (type, length);
    }

    /// <summary>Consumes <paramref name="length"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int length) => Take(length);

    /// <summary>Skips the next value, including everything nested in it.</summary>
    public void Skip()
    {
        var pending = 1L;
        while (pending > 0)
        {
            pending--;
            switch (NextType)
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    _position++;
                    break;
                case MessagePackType.Integer:
                    if (!End && _buffer[_position] == MessagePackCode.UInt64)
                    {
                        ReadUInt64();
                    }
                    else
                    {
                        ReadInt64();
                    }

                    break;
                case MessagePackType.Float:
                    ReadDouble();
                    break;
                case MessagePackType.String:
                    ReadStringSpan();
                    break;
                case MessagePackType.Binary:
                    ReadBinarySpan();
                    break;
                case MessagePackType.Extension:
                    var (_, length) = ReadExtensionHeader();
                    Take(length);
                    break;
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                default:
                    throw Unexpected("any value");
            }
        }
    }

    /// <summary>Reads the next value as raw MessagePack bytes (for copying a value through unchanged).</summary>
    public ReadOnlySpan<byte> ReadRawValue()
    {
        var start = _position;
        Skip();
        return _buffer[start.._position];
    }

    private long ReadRange(long min, long max, string typeName)
    {
        var start = _position;
        var value = ReadInt64();
        if (value < min || value > max)
        {
            throw new MessagePackFormatException($"Integer {value} does not fit in {typeName}", start);
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadCode(string expected)
    {
        if (_position >= _buffer.Length)
        {
            throw Unexpected(expected);
        }

        return _buffer[_position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int length)
    {
        if ((uint)length > (uint)(_buffer.Length - _position))
        {
            throw new MessagePackFormatException($"Truncated data: {length} bytes needed, {_buffer.Length - _position} left", _position);
        }

        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }

    private readonly int CheckedLength(uint length)
    {
        if (length > int.MaxValue)
        {
            throw new MessagePackFormatException($"Length {length} is too large", _position);
        }

        return (int)length;
    }

    // A count can never exceed the bytes left (each element takes at least one byte); checking this
    // stops a corrupt header from making a caller allocate a huge collection.
    private readonly int CheckedCount(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new MessagePackFormatException($"Collection of {count} elements cannot fit in the {_buffer.Length - _position} bytes left", _position);
        }

        return count;
    }

    private readonly MessagePackFormatException Unexpected(string expected)
        => End
            ? new MessagePackFormatException($"Expected {expected} but the data ended", _position)
            : Unexpected(expected, _buffer[_position]);

    private readonly MessagePackFormatException Unexpected(string expected, byte code)
        => new($"Expected {expected} but found format byte 0x{code:x2}", _position);
}
