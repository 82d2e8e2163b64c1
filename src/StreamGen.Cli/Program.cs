using System.Globalization;
using System.Text.Json;
using StreamGen.Cli;
using StreamGen.Storage;

// streamgen: inspect checkpoints and savepoints (Flink's State Processor API, as a command).
return await CheckpointCli.RunAsync(args, Console.Out, Console.Error);

namespace StreamGen.Cli
{
    /// <summary>The commands of the <c>streamgen</c> tool.</summary>
    internal static class CheckpointCli
    {
        private const string Usage = """
            usage:
              streamgen list <storage-path>                         checkpoints and savepoints, newest first
              streamgen show <checkpoint-dir> [--operator <id>]     operators, subtasks, sizes, keys per state file
              streamgen dump <checkpoint-dir> <state-file> [--out <file.json>]
                                                                    a state file as JSON (field names from its schema)
            """;

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
        {
            try
            {
                switch (args)
                {
                    case ["list", var root]:
                        await ListAsync(root, output);
                        return 0;
                    case ["show", var path, ..]:
                        await ShowAsync(path, Option(args, "--operator"), output);
                        return 0;
                    case ["dump", var path, var file, ..]:
                        await DumpAsync(path, file, Option(args, "--out"), output);
                        return 0;
                    default:
                        await error.WriteLineAsync(Usage);
                        return 2;
                }
            }
            catch (CorruptCheckpointException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or KeyNotFoundException or StreamGen.Serialization.MessagePackFormatException)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        }

        private static async Task ListAsync(string root, TextWriter output)
        {
            if (!Directory.Exists(root))
            {
                throw new IOException($"'{root}' is not a directory.");
            }

            var storage = new FileSystemCheckpointStorage(root);
            var all = await storage.ListAsync(CancellationToken.None);
            await output.WriteLineAsync($"{"ID",6}  {"KIND",-10} {"COMPLETED (UTC)",-20} {"SIZE",10}  {"STATES",6}  PATH");
            foreach (var c in all)
            {
                var m = c.Metadata;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.CheckpointId,6}  {m.Kind,-10} {m.CompletedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {Bytes(m.TotalStateSize),10}  {m.States.Count,6}  {c.Path}"));
            }

            if (all.Count == 0)
            {
                await output.WriteLineAsync("(no complete checkpoint or savepoint)");
            }
        }

        private static async Task ShowAsync(string path, string? operatorId, TextWriter output)
        {
            var storage = new FileSystemCheckpointStorage(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var checkpoint = await storage.LoadAsync(path, CancellationToken.None);
            var m = checkpoint.Metadata;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{m.Kind} {m.CheckpointId} of job '{m.JobName}': triggered {m.TriggeredAt:O}, completed {m.CompletedAt:O}, {Bytes(m.TotalStateSize)}, checksums verified"));
            foreach (var op in m.States.GroupBy(s => s.OperatorId).Where(g => operatorId is null || g.Key == operatorId))
            {
                var first = op.First();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"operator '{op.Key}' ({first.Kind}), parallelism {first.Parallelism}, max parallelism {first.MaxParallelism}, schema {(first.SchemaFingerprint.Length > 0 ? first.SchemaFingerprint : "-")}"));
                foreach (var subtask in op.OrderBy(s => s.SubtaskIndex))
                {
                    var data = checkpoint.ReadStateFile(subtask.File);
                    var keys = StateFileJson.CountKeys(data.Span);
                    var detail = keys is { } k ? $", {k.Keys} keys in {k.KeyGroups} key groups" : string.Empty;
                    var groups = subtask.KeyGroups is { } range ? $" key groups {range}" : string.Empty;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  subtask {subtask.SubtaskIndex}: {subtask.File.FileName} {Bytes(subtask.File.Size)}{groups}{detail}"));
                }
            }
        }

        private static async Task DumpAsync(string path, string file, string? outPath, TextWriter output)
        {
            var storage = new FileSystemCheckpointStorage(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var checkpoint = await storage.LoadAsync(path, CancellationToken.None);
            var handle = checkpoint.Metadata.States.Select(s => s.File).FirstOrDefault(f => f.FileName == file)
                ?? throw new KeyNotFoundException($"'{file}' is not a state file of {path}; 'streamgen show {path}' lists them.");
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                StateFileJson.Write(checkpoint.ReadStateFile(handle).Span, json);
            }

            if (outPath is null)
            {
                await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                await File.WriteAllBytesAsync(outPath, buffer.ToArray());
                await output.WriteLineAsync($"wrote {outPath}");
            }
        }

        private static string? Option(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static string Bytes(long n) => n switch
        {
            < 1024 => $"{n} B",
            < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{n / 1024.0:F1} KiB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{n / 1048576.0:F1} MiB"),
        };
    }
}
