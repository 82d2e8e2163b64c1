using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace StreamGen.Benchmarks.Workload;

/// <summary>The Kafka output record "key:count", written the same way by StreamGen and the hand-written loops.</summary>
internal sealed class KeyCountSerializer : ISerializer<KeyCount>
{
    public static readonly KeyCountSerializer Instance = new();

    public byte[] Serialize(KeyCount data, SerializationContext context) => Format(data.Key, data.Count);

    public static byte[] Format(string key, long count)
    {
        Span<byte> buffer = stackalloc byte[256];
        var written = Encoding.UTF8.GetBytes(key, buffer);
        buffer[written++] = (byte)':';
        count.TryFormat(buffer[written..], out var digits, default, CultureInfo.InvariantCulture);
        return buffer[..(written + digits)].ToArray();
    }
}
