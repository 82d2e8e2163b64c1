namespace StreamGen.Benchmarks.Workload;

/// <summary>Scratch directories under the temp folder, removed after each run.</summary>
internal static class Scratch
{
    public static string NewDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "streamgen-bench", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A slow background deletion of old checkpoints may still hold a file; temp is cleaned by the OS.
        }
    }
}
