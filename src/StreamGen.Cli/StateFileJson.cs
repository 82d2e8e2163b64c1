using System.Text.Json;
using MessagePack;
using MessagePackFormatException = StreamGen.Serialization.MessagePackFormatException;

namespace StreamGen.Cli;

/// <summary>
/// Renders a state file as JSON. Keyed (<c>sg-keyed/1</c>) and operator (<c>sg-operator/1</c>) files are
/// labelled with their schema's field names; any other state (sources, sinks) is rendered as plain MessagePack.
/// </summary>
internal static class StateFileJson
{
    public static void Write(ReadOnlySpan<byte> data, Utf8JsonWriter json)
    {
        // MessagePack-CSharp reads from memory, not a span; a state file is read whole anyway, so one copy costs little.
        ReadOnlyMemory<byte> memory = data.ToArray();
        var probe = new MessagePackReader(memory);
        var format = TryReadFormat(ref probe);
        var reader = new MessagePackReader(memory);
        try
        {
            switch (format)
            {
                case "sg-keyed/1":
                    WriteKeyed(ref reader, json);
                    break;
                case "sg-operator/1":
                    WriteOperator(ref reader, json);
                    break;
                default:
                    MessagePackJson.WriteValue(ref reader, json);
                    break;
            }
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw Malformed(ex, reader.Consumed);
        }
    }

    /// <summary>Counts the keys of a keyed state file (null if it is not one).</summary>
    public static (int Keys, int KeyGroups)? CountKeys(ReadOnlySpan<byte> data)
    {
        ReadOnlyMemory<byte> memory = data.ToArray();
        var reader = new MessagePackReader(memory);
        if (TryReadFormat(ref reader) != "sg-keyed/1")
        {
            return null;
        }

        reader = new MessagePackReader(memory);
        try
        {
            return CountKeys(ref reader);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw Malformed(ex, reader.Consumed);
        }
    }

    // The CLI reports StreamGen's format error (file, byte offset) for any malformed state file, whichever reader found it.
    private static MessagePackFormatException Malformed(Exception ex, long position)
        => new(ex.Message, (int)Math.Min(position, int.MaxValue));

    private static (int Keys, int KeyGroups) CountKeys(ref MessagePackReader reader)
    {
        reader.ReadArrayHeader();
        reader.Skip();
        reader.Skip();
        reader.Skip();
        var blocks = reader.ReadArrayHeader();
        var keys = 0;
        for (var b = 0; b < blocks; b++)
        {
            var length = reader.ReadArrayHeader();
            reader.Skip();
            keys += reader.ReadInt32();
            for (var i = 2; i < length; i++)
            {
                reader.Skip();
            }
        }

        return (keys, blocks);
    }

    private static string? TryReadFormat(ref MessagePackReader reader)
    {
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() < 3 || reader.NextMessagePackType != MessagePackType.String)
            {
                return null;
            }

            return reader.ReadString();
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException)
        {
            return null;
        }
    }

    private static List<string> WriteHeader(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        reader.ReadArrayHeader();
        json.WriteStartObject();
        json.WriteString("format", reader.ReadString());
        reader.ReadArrayHeader();
        json.WriteString("operatorType", reader.ReadString());
        var fields = new List<string>();
        json.WriteStartArray("schema");
        var count = reader.ReadArrayHeader();
        for (var i = 0; i < count; i++)
        {
            reader.ReadArrayHeader();
            var name = reader.ReadString() ?? string.Empty;
            var type = reader.ReadString();
            fields.Add(name);
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("type", type);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        return fields;
    }

    private static void WriteKeyed(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        var fields = WriteHeader(ref reader, json);
        json.WriteNumber("maxParallelism", reader.ReadInt32());
        json.WriteStartArray("keyGroups");
        var blocks = reader.ReadArrayHeader();
        for (var b = 0; b < blocks; b++)
        {
            reader.ReadArrayHeader();
            json.WriteStartObject();
            json.WriteNumber("keyGroup", reader.ReadInt32());
            var entries = reader.ReadInt32();
            json.WriteStartArray("entries");
            for (var e = 0; e < entries; e++)
            {
                json.WriteStartObject();
                json.WritePropertyName("key");
                MessagePackJson.WriteValue(ref reader, json);
                json.WritePropertyName("state");
                WriteFields(ref reader, json, fields);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOperator(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        var fields = WriteHeader(ref reader, json);
        json.WritePropertyName("state");
        WriteFields(ref reader, json, fields);
        json.WriteEndObject();
    }

    private static void WriteFields(ref MessagePackReader reader, Utf8JsonWriter json, List<string> fields)
    {
        var count = reader.ReadArrayHeader();
        json.WriteStartObject();
        for (var i = 0; i < count; i++)
        {
            json.WritePropertyName(i < fields.Count ? fields[i] : $"#{i}");
            MessagePackJson.WriteValue(ref reader, json);
        }

        json.WriteEndObject();
    }
}
