using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.Json;
using StreamGen.Cli;
using StreamGen.Storage;

// streamgen: inspect checkpoints and savepoints (Flink's State Processor API, as a command).
return await CheckpointCli.RunAsync(args, Console.Out, Console.Error);

namespace StreamGen.Cli
{
    /// <summary>The commands of the <c>streamgen</c> tool, parsed by System.CommandLine (help, errors, suggestions).</summary>
    internal static class CheckpointCli
    {
        /// <summary>Exit code of a command line that does not parse (usage error, as the former hand-written parser returned).</summary>
        private const int UsageError = 2;

        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
        {
            var parse = BuildCommand(output).Parse(args);
            if (parse.Errors.Count > 0)
            {
                // The errors and the help go to stderr: stdout carries only what a command produces (e.g. JSON).
                await parse.InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
                return UsageError;
            }

            try
            {
                // Exceptions reach the catch blocks below instead of System.CommandLine's stack-trace printer.
                return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
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

        private static Command BuildCommand(TextWriter output)
        {
            var storagePath = new Argument<string>("storage-path") { Description = "The checkpoint storage directory (StreamGen:Checkpointing:StoragePath)." };
            var list = new Command("list", "Checkpoints and savepoints, newest first.") { storagePath };
            list.SetAction((parse, _) => ListAsync(parse.GetRequiredValue(storagePath), output));

            var showPath = new Argument<string>("checkpoint-dir") { Description = "A checkpoint or savepoint directory (chk-<n> or a savepoint)." };
            var operatorId = new Option<string>("--operator") { Description = "Only this operator id.", HelpName = "id" };
            var show = new Command("show", "Operators, subtasks, sizes and keys per state file; verifies the checksums.") { showPath, operatorId };
            show.SetAction((parse, _) => ShowAsync(parse.GetRequiredValue(showPath), parse.GetValue(operatorId), output));

            var dumpPath = new Argument<string>("checkpoint-dir") { Description = "A checkpoint or savepoint directory." };
            var stateFile = new Argument<string>("state-file") { Description = "A state file of it, as 'show' lists them." };
            var outFile = new Option<string>("--out") { Description = "Write the JSON to this file instead of stdout.", HelpName = "file.json" };
            var dump = new Command("dump", "A state file as JSON (field names from its schema).") { dumpPath, stateFile, outFile };
            dump.SetAction((parse, _) => DumpAsync(parse.GetRequiredValue(dumpPath), parse.GetRequiredValue(stateFile), parse.GetValue(outFile), output));

            // A plain command named as the tool is installed (a RootCommand takes the name of the entry assembly).
            return new Command("streamgen", "Inspect StreamGen checkpoints and savepoints.") { new HelpOption(), new VersionOption(), list, show, dump };
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

        private static string Bytes(long n) => n switch
        {
            < 1024 => $"{n} B",
            < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{n / 1024.0:F1} KiB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{n / 1048576.0:F1} MiB"),
        };
    }
}
