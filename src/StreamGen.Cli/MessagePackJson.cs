using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace StreamGen.Cli;

/// <summary>
/// Converts any MessagePack value to JSON (bin as base64, extensions as {ext, data}), reading with MessagePack-CSharp's
/// reader. Not <c>MessagePackSerializer.ConvertToJson</c>: that writes bin as an array of numbers and a map key that is
/// not a string without quotes, neither of which is valid JSON for a dump.
/// </summary>
internal static class MessagePackJson
{
    public static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                // uint 64 is the one integer encoding whose values need not fit a long.
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    json.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    json.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Float:
                json.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                json.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Binary:
                json.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray());
                break;
            case MessagePackType.Array:
                var length = reader.ReadArrayHeader();
                json.WriteStartArray();
                for (var i = 0; i < length; i++)
                {
                    WriteValue(ref reader, json);
                }

                json.WriteEndArray();
                break;
            case MessagePackType.Map:
                var count = reader.ReadMapHeader();
                json.WriteStartObject();
                for (var i = 0; i < count; i++)
                {
                    json.WritePropertyName(KeyText(ref reader));
                    WriteValue(ref reader, json);
                }

                json.WriteEndObject();
                break;
            case MessagePackType.Extension:
                var header = reader.ReadExtensionFormatHeader();
                json.WriteStartObject();
                json.WriteNumber("ext", header.TypeCode);
                json.WriteBase64String("data", reader.ReadRaw(header.Length).ToArray());
                json.WriteEndObject();
                break;
            default:
                throw new MessagePackSerializationException($"Not a MessagePack value: format byte 0x{reader.NextCode:x2} at byte {reader.Consumed}.");
        }
    }

    private static string KeyText(ref MessagePackReader reader)
        => reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() ?? "null" : Encoding(ref reader);

    private static string Encoding(ref MessagePackReader reader)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteValue(ref reader, json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
