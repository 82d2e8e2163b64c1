using System.Globalization;
using System.Text;

namespace StreamGen.Storage;

/// <summary>
/// The content of a storage's completion marker (<see cref="FileSystemCheckpointStorage.CompletionMarkerFileName"/>):
/// which job completed the first checkpoint there, and when. Only its existence matters to recovery; the
/// content is for the person reading the error. Shared by the storage implementations.
/// </summary>
public static class CompletionMarker
{
    /// <summary>The marker's content for the first checkpoint completed in a storage.</summary>
    public static byte[] Content(CheckpointMetadata first)
        => Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"job '{first.JobName}' completed checkpoint {first.CheckpointId} here first, at {first.CompletedAt:O}\n"));

    /// <summary>The marker's content as one line for messages.</summary>
    public static string Describe(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content).Trim();
        return text.Length == 0 ? "empty" : text;
    }
}
