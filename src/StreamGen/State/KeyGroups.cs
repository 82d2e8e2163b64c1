using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StreamGen.State;

/// <summary>
/// Assigns keys to key groups and key groups to subtasks. The hash must be stable across processes
/// (unlike <see cref="string.GetHashCode()"/>, which is randomised per process), because a restored job
/// must find each key's state in the key group it was written to.
/// </summary>
public static class KeyGroups
{
    /// <summary>Default number of key groups, and so the largest parallelism a keyed operator can be rescaled to.</summary>
    public const int DefaultMaxParallelism = 128;

    /// <summary>The key group of <paramref name="key"/>.</summary>
    /// <exception cref="NotSupportedException">The key type has no stable hash.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of<TKey>(TKey key, int maxParallelism)
        where TKey : notnull
        => (int)((uint)StableHash(key) % (uint)maxParallelism);

    /// <summary>The subtask that owns <paramref name="keyGroup"/> at <paramref name="parallelism"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SubtaskFor(int keyGroup, int maxParallelism, int parallelism)
        => (int)((long)keyGroup * parallelism / maxParallelism);

    /// <summary>
    /// A process-independent hash of a key: strings by their UTF-16 code units, unmanaged values
    /// (integers, enums, <see cref="Guid"/>, <see cref="DateTime"/>, ...) by their bytes, tuples by their
    /// elements, and <see cref="IStableHashable"/> keys by their own hash.
    /// </summary>
    public static int StableHash<TKey>(TKey key)
        where TKey : notnull
    {
        if (typeof(TKey) == typeof(string))
        {
            return Hash(MemoryMarshal.AsBytes(Unsafe.As<TKey, string>(ref key).AsSpan()));
        }

        if (!RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
        {
            return Hash(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TKey, byte>(ref key), Unsafe.SizeOf<TKey>()));
        }

        return HashObject(key);
    }

    private static int HashObject(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case string s:
                return Hash(MemoryMarshal.AsBytes(s.AsSpan()));
            case IStableHashable h:
                return Mix((uint)h.GetStableHashCode());
            case ITuple tuple:
                var hash = 17u;
                for (var i = 0; i < tuple.Length; i++)
                {
                    hash = (hash * 31) + (uint)HashObject(tuple[i]);
                }

                return Mix(hash);
            case int i32: return Hash(i32);
            case long i64: return Hash(i64);
            case Guid g: return Hash(g);
            case DateTime d: return Hash(d.Ticks);
            case bool b: return Hash(b);
            case char c: return Hash(c);
            case short i16: return Hash(i16);
            case byte u8: return Hash(u8);
            case uint u32: return Hash(u32);
            case ulong u64: return Hash(u64);
            case Enum e: return Hash(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
            default:
                throw new NotSupportedException(
                    $"Key type {value.GetType().FullName} has no stable hash. Use a string, an integer, a Guid, an enum, " +
                    $"a tuple of those, or implement {nameof(IStableHashable)} on the key type.");
        }
    }

    private static int Hash<T>(T value)
        where T : unmanaged
        => Hash(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    // A small multiply-xorshift hash over 8-byte words, little-endian so it is the same on every platform.
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        var h = Prime ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = (h ^ (BinaryPrimitives.ReadUInt64LittleEndian(bytes) * 0xBF58476D1CE4E5B9UL)) * Prime;
            h ^= h >> 29;
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = (h ^ (tail * 0x94D049BB133111EBUL)) * Prime;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)h;
    }

    private static int Mix(uint value) => Hash(value);
}
