using System.Text.Json;
using StreamGen.Checkpointing;
using StreamGen.Cli;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Tests.Cli;

/// <summary>A keyed word count whose checkpoints the CLI inspects.</summary>
[StreamOperator]
public sealed partial class CliWordCount : KeyedProcessor<string, string, long>
{
    [State]
    private long _count;

    [State]
    private List<int> _lengths = new();

    /// <inheritdoc />
    public override void Process(string value, Context<long> context)
    {
        _count++;
        _lengths.Add(value.Length);
        context.Emit(_count);
    }
}

public sealed class CheckpointCliTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sg-cli-" + Guid.NewGuid().ToString("N"));
    private string _latest = string.Empty;

    public async Task InitializeAsync()
    {
        var words = Enumerable.Range(0, 600).Select(i => "w" + (i % 6)).ToList();
        var job = new JobBuilder("cli-test");
        job.From(ReplayableSource<string>.FromList(words, partitions: 2), parallelism: 2).Uid("words")
            .KeyBy(w => w)
            .Process(() => new CliWordCount()).Uid("count").Parallelism(2)
            .To(new AtLeastOnceCollectingSink<long>(new CollectedOutput<long>())).Uid("out");
        var execution = JobRunner.Start(job.Build(), new JobExecutionOptions
        {
            Storage = new FileSystemCheckpointStorage(_root),
            Checkpointing = new CheckpointConfig { Interval = TimeSpan.FromMilliseconds(50) },
        });
        await execution.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        _latest = (await new FileSystemCheckpointStorage(_root).ListAsync(default))[0].Path;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task List_shows_complete_checkpoints_newest_first()
    {
        var (exit, output, _) = await RunAsync("list", _root);

        Assert.Equal(0, exit);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(_latest, rows[0]);
        Assert.Contains("Checkpoint", rows[0]);
    }

    [Fact]
    public async Task Show_summarises_every_operator_with_its_keys()
    {
        var (exit, output, _) = await RunAsync("show", _latest);

        Assert.Equal(0, exit);
        Assert.Contains("job 'cli-test'", output);
        Assert.Contains("checksums verified", output);
        Assert.Contains("operator 'count' (keyed), parallelism 2", output);
        var keys = System.Text.RegularExpressions.Regex.Matches(output, @"(\d+) keys in").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6, keys);
        Assert.Contains("operator 'words' (source)", output);
    }

    [Fact]
    public async Task Dump_renders_keyed_state_as_json_with_field_names()
    {
        var metadata = (await new FileSystemCheckpointStorage(_root).LoadAsync(_latest, default)).Metadata;
        var files = metadata.States.Where(s => s.OperatorId == "count").Select(s => s.File.FileName).ToList();
        var counts = new Dictionary<string, long>();
        foreach (var file in files)
        {
            var (exit, output, error) = await RunAsync("dump", _latest, file);
            Assert.True(exit == 0, error);
            var json = JsonDocument.Parse(output).RootElement;
            Assert.Equal("sg-keyed/1", json.GetProperty("format").GetString());
            Assert.Equal(["_count", "_lengths"], json.GetProperty("schema").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
            foreach (var entry in json.GetProperty("keyGroups").EnumerateArray().SelectMany(g => g.GetProperty("entries").EnumerateArray()))
            {
                var state = entry.GetProperty("state");
                counts[entry.GetProperty("key").GetString()!] = state.GetProperty("_count").GetInt64();
                Assert.Equal(state.GetProperty("_count").GetInt64(), state.GetProperty("_lengths").GetArrayLength());
            }
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => "w" + i), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.Equal(100, c));
    }

    [Fact]
    public async Task A_corrupt_checkpoint_is_reported_with_its_path_and_reason()
    {
        var file = Directory.GetFiles(_latest, "*.state")[0];
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(file, bytes);

        var (exit, _, error) = await RunAsync("show", _latest);

        Assert.Equal(1, exit);
        Assert.Contains(_latest, error);
        Assert.Contains("checksum", error);
    }

    [Fact]
    public async Task Unknown_commands_print_the_usage()
    {
        var (exit, _, error) = await RunAsync("frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("frobnicate", error);
        Assert.Contains("Usage:", error);
        Assert.Contains("streamgen [command] [options]", error);
        Assert.Contains("list <storage-path>", error);
    }

    [Fact]
    public async Task A_missing_argument_names_it_and_prints_the_commands_usage()
    {
        var (exit, output, error) = await RunAsync("dump", _latest);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("state-file", error);
        Assert.Contains("streamgen dump <checkpoint-dir> <state-file> [options]", error);
    }

    [Fact]
    public async Task Help_lists_the_commands_on_stdout()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("list <storage-path>", output);
        Assert.Contains("show <checkpoint-dir>", output);
        Assert.Contains("dump <checkpoint-dir> <state-file>", output);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CheckpointCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
