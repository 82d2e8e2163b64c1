using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamGen.Storage;

/// <summary>
/// Reads and writes <c>_metadata</c>: indented JSON (readable with any tool) followed by a line
/// <c>crc32c:xxxxxxxx</c> over the JSON bytes, so a truncated or bit-flipped metadata file is detected.
/// </summary>
public static class CheckpointMetadataSerializer
{
    private const string ChecksumPrefix = "\ncrc32c:";

    /// <summary>Serialises metadata with its trailing checksum line.</summary>
    public static byte[] Serialize(CheckpointMetadata metadata)
    {
        var document = new MetadataDocument(CheckpointMetadata.FormatVersion, metadata);
        var json = JsonSerializer.SerializeToUtf8Bytes(document, MetadataJsonContext.Default.MetadataDocument);
        var trailer = Encoding.ASCII.GetBytes($"{ChecksumPrefix}{Crc32C.Compute(json):x8}\n");
        return [.. json, .. trailer];
    }

    /// <summary>Parses metadata, verifying its checksum and format version.</summary>
    /// <exception cref="CorruptCheckpointException">The bytes are not valid metadata.</exception>
    public static CheckpointMetadata Deserialize(ReadOnlySpan<byte> bytes, string path)
    {
        var text = bytes;
        var prefix = Encoding.ASCII.GetBytes(ChecksumPrefix);
        var at = text.LastIndexOf(prefix);
        if (at < 0)
        {
            throw new CorruptCheckpointException(path, "_metadata has no checksum line (truncated?)");
        }

        var json = text[..at];
        var stored = Encoding.ASCII.GetString(text[(at + prefix.Length)..]).Trim();
        if (!uint.TryParse(stored, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var expected) || expected != Crc32C.Compute(json))
        {
            throw new CorruptCheckpointException(path, "_metadata fails its checksum");
        }

        MetadataDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, MetadataJsonContext.Default.MetadataDocument);
        }
        catch (JsonException ex)
        {
            throw new CorruptCheckpointException(path, $"_metadata is not valid JSON: {ex.Message}", ex);
        }

        if (document?.Format != CheckpointMetadata.FormatVersion || document.Checkpoint is null)
        {
            throw new CorruptCheckpointException(path, $"_metadata has format '{document?.Format}', expected '{CheckpointMetadata.FormatVersion}'");
        }

        return document.Checkpoint;
    }

    internal sealed record MetadataDocument(string Format, CheckpointMetadata Checkpoint);
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckpointMetadataSerializer.MetadataDocument))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext
{
}
