using StreamGen.Serialization;

namespace StreamGen.Tests.TestSupport;

/// <summary>
/// Reads a RunningCount keyed state file without the runtime, so tests assert the exact state a checkpoint
/// holds: <c>[format, schema, max parallelism, blocks]</c>, each block <c>[key group, entries, key, state, …]</c>,
/// each state <c>[count]</c>.
/// </summary>
public static class KeyedCountFile
{
    public static List<(string Key, int KeyGroup, long Count)> Read(ReadOnlySpan<byte> file)
    {
        var entries = new List<(string, int, long)>();
        var reader = new MessagePackReader(file);
        reader.ReadArrayHeader();
        reader.Skip(); // format
        reader.Skip(); // schema
        reader.Skip(); // max parallelism
        var blocks = reader.ReadArrayHeader();
        for (var b = 0; b < blocks; b++)
        {
            reader.ReadArrayHeader();
            var keyGroup = reader.ReadInt32();
            var count = reader.ReadInt32();
            for (var e = 0; e < count; e++)
            {
                var key = reader.ReadString()!;
                reader.ReadArrayHeader();
                entries.Add((key, keyGroup, reader.ReadInt64()));
            }
        }

        return entries;
    }
}
