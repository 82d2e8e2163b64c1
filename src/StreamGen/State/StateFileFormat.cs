using StreamGen.Serialization;

namespace StreamGen.State;

/// <summary>
/// The header shared by state files. Every state file is one MessagePack array whose first element
/// names the format and whose second is the schema, so any MessagePack tool can read it and a restore
/// can map fields by name (docs/state-format.md).
/// </summary>
internal static class StateFileFormat
{
    public const string KeyedFormat = "sg-keyed/1";
    public const string OperatorFormat = "sg-operator/1";

    public static void WriteSchema(ref MessagePackWriter writer, StateSchema schema)
    {
        writer.WriteArrayHeader(2);
        writer.Write(schema.OperatorType);
        writer.WriteArrayHeader(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            writer.WriteArrayHeader(2);
            writer.Write(field.Name);
            writer.Write(field.TypeName);
        }
    }

    public static StateSchema ReadSchema(ref MessagePackReader reader)
    {
        ExpectArray(ref reader, 2, "schema");
        var operatorType = reader.ReadString() ?? string.Empty;
        var count = reader.ReadArrayHeader();
        var fields = new StateField[count];
        for (var i = 0; i < count; i++)
        {
            ExpectArray(ref reader, 2, "schema field");
            fields[i] = new StateField(reader.ReadString() ?? string.Empty, reader.ReadString() ?? string.Empty);
        }

        return new StateSchema(operatorType, fields);
    }

    public static void ExpectFormat(ref MessagePackReader reader, string format)
    {
        var start = reader.Position;
        var actual = reader.ReadString();
        if (actual != format)
        {
            throw new MessagePackFormatException($"Expected a '{format}' state file but found '{actual}'", start);
        }
    }

    public static void ExpectArray(ref MessagePackReader reader, int length, string what)
    {
        var start = reader.Position;
        var actual = reader.ReadArrayHeader();
        if (actual != length)
        {
            throw new MessagePackFormatException($"Expected {what} as an array of {length} but found {actual} elements", start);
        }
    }
}
