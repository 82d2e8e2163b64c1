using System.Text.Json;
using StreamGen.Serialization;

namespace StreamGen.Cli;

/// <summary>Converts any MessagePack value to JSON (bin as base64, extensions as {type, base64}).</summary>
internal static class MessagePackJson
{
    public static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                try
                {
                    json.WriteNumberValue(reader.ReadInt64());
                }
                catch (MessagePackFormatException)
                {
                    json.WriteNumberValue(reader.ReadUInt64());
                }

                break;
            case MessagePackType.Float:
                json.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                json.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Binary:
                json.WriteBase64StringValue(reader.ReadBinarySpan());
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
                var (type, extLength) = reader.ReadExtensionHeader();
                json.WriteStartObject();
                json.WriteNumber("ext", type);
                json.WriteBase64String("data", reader.ReadRaw(extLength));
                json.WriteEndObject();
                break;
            default:
                throw new MessagePackFormatException("Not a MessagePack value", reader.Position);
        }
    }

    private static string KeyText(ref MessagePackReader reader)
        => reader.NextType == MessagePackType.String ? reader.ReadString() ?? "null" : Encoding(ref reader);

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
