namespace StreamGen.Storage;

/// <summary>A durable state file of a checkpoint, with what is needed to verify it on restore.</summary>
/// <param name="FileName">The file name inside the checkpoint's directory.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Crc32C">CRC-32C of the content.</param>
public sealed record StateFileHandle(string FileName, long Size, uint Crc32C);
