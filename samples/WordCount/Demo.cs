using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Native;

namespace WordCount;

/// <summary>
/// The demo the README's run command starts: it writes text into Kafka, runs the WordCount job as a child
/// process, kills it with SIGKILL half-way, starts it again (it restores from the latest checkpoint and the
/// Kafka offsets stored in it), and finally checks with a read_committed consumer that every word's counts
/// arrived exactly once: 1, 2, …, n with n the word's true frequency.
/// </summary>
internal static class Demo
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    public static async Task<int> RunAsync(string[] args)
    {
        var lines = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 20_000;
        var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var inputTopic = $"words-{runId}";
        var outputTopic = $"counts-{runId}";
        // WORDCOUNT_CHECKPOINTS=s3://bucket/prefix (with StreamGen__S3__ServiceUrl and AWS_* credentials) checkpoints to S3.
        var checkpointRoot = Environment.GetEnvironmentVariable("WORDCOUNT_CHECKPOINTS");
        var checkpoints = checkpointRoot is null ? Path.Combine(Path.GetTempPath(), $"streamgen-wordcount-{runId}") : $"{checkpointRoot.TrimEnd('/')}/{runId}";

        // The demo's own producer and consumer must run on the librdkafka StreamGen's job uses.
        var librdkafka = KafkaNativeLibrary.EnsureLoaded();
        Step($"librdkafka {librdkafka.VersionString} from {librdkafka.Path}");
        var external = Environment.GetEnvironmentVariable("StreamGen__Kafka__BootstrapServers");
        using var embedded = external is null ? EmbeddedKafkaCluster.Start() : null;
        var bootstrap = external ?? embedded!.BootstrapServers;
        Step($"Kafka at {bootstrap} ({(embedded is null ? "external" : "embedded broker")})");

        await CreateTopicsAsync(embedded, bootstrap, [inputTopic, outputTopic]);
        var (text, expected) = GenerateText(lines);
        var totalResults = expected.Values.Sum();
        Step($"Writing {lines:N0} lines ({totalResults:N0} words, {expected.Count} distinct) to '{inputTopic}' over about {InputDuration.TotalSeconds:0} s");
        var producing = Task.Run(() => ProduceInput(bootstrap, inputTopic, text));

        var env = new Dictionary<string, string>
        {
            ["StreamGen__Kafka__BootstrapServers"] = bootstrap,
            ["StreamGen__Checkpointing__StoragePath"] = checkpoints,
            ["StreamGen__Api__Urls"] = "http://127.0.0.1:0",
            ["WordCount__InputTopic"] = inputTopic,
            ["WordCount__OutputTopic"] = outputTopic,
        };

        using var results = new ResultReader(bootstrap, outputTopic);
        var first = StartWorker(env, "job");
        Step($"Started the job (pid {first.Id}); checkpoints every second to {checkpoints}");
        // Exactly-once output becomes visible checkpoint by checkpoint; crash once a good part is visible.
        var killAt = totalResults * 2 / 5;
        if (!await results.WaitUntilAsync(r => r >= killAt, TimeSpan.FromMinutes(3), totalResults))
        {
            return Fail(first, "the job produced too little output before the planned crash");
        }

        first.Kill(entireProcessTree: true); // SIGKILL: no shutdown hook, no final checkpoint
        await first.WaitForExitAsync();
        Step($"Killed the job with SIGKILL after {results.Count:N0} of {totalResults:N0} results");

        var second = StartWorker(env, "job, restarted");
        Step($"Restarted the job (pid {second.Id}); it restores from the latest complete checkpoint");
        await producing;
        var done = await results.WaitUntilAsync(r => r >= totalResults, TimeSpan.FromMinutes(5), totalResults);
        await Task.Delay(TimeSpan.FromSeconds(2)); // let any duplicate show up before judging
        results.Drain();
        Terminate(second);

        Console.WriteLine();
        return Verify(expected, results, done) ? 0 : 1;
    }

    private static bool Verify(Dictionary<string, long> expected, ResultReader results, bool done)
    {
        var byWord = results.Counts;
        var problems = new List<string>();
        foreach (var (word, total) in expected)
        {
            var seen = byWord.GetValueOrDefault(word) ?? [];
            seen.Sort();
            var duplicates = seen.Count - seen.Distinct().Count();
            var missing = total - seen.Distinct().Count(c => c >= 1 && c <= total);
            if (duplicates > 0 || missing > 0 || seen.Count == 0 || seen[^1] != total)
            {
                problems.Add($"{word}: expected counts 1..{total}, got {seen.Count} results ({duplicates} duplicates, {missing} missing, last {(seen.Count > 0 ? seen[^1] : 0)})");
            }
        }

        var unexpected = byWord.Keys.Except(expected.Keys).ToList();
        problems.AddRange(unexpected.Select(w => $"{w}: never in the input"));

        Console.WriteLine("Top words:");
        foreach (var (word, total) in expected.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(8))
        {
            Console.WriteLine($"  {word,-12} {total,8:N0}   final count read from Kafka: {(byWord.TryGetValue(word, out var c) && c.Count > 0 ? c.Max() : 0),8:N0}");
        }

        Console.WriteLine();
        if (problems.Count == 0 && done)
        {
            Console.WriteLine($"EXACT: all {expected.Count} words have every count 1..n exactly once ({results.Count:N0} results, no loss, no duplicates) despite the SIGKILL.");
            return true;
        }

        Console.WriteLine($"NOT EXACT: {problems.Count} words differ{(done ? string.Empty : " (the job did not finish in time)")}");
        foreach (var problem in problems.Take(20))
        {
            Console.WriteLine("  " + problem);
        }

        return false;
    }

    private static readonly TimeSpan InputDuration = TimeSpan.FromSeconds(10);

    private static (List<string> Lines, Dictionary<string, long> Expected) GenerateText(int lines)
    {
        var random = new Random(42);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var text = new List<string>(lines);
        var words = new List<string>(12);
        for (var i = 0; i < lines; i++)
        {
            words.Clear();
            var count = random.Next(3, 12);
            for (var w = 0; w < count; w++)
            {
                // Skewed: a few words are frequent, most are rare, as in real text.
                var word = Vocabulary[(int)(Vocabulary.Length * Math.Pow(random.NextDouble(), 3))];
                words.Add(word);
                expected[word] = expected.GetValueOrDefault(word) + 1;
            }

            text.Add(string.Join(' ', words));
        }

        return (text, expected);
    }

    /// <summary>Produces the lines at a steady rate, so the job is mid-stream when it is killed.</summary>
    private static void ProduceInput(string bootstrap, string topic, List<string> lines)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, LingerMs = 20 }).Build();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < lines.Count; i++)
        {
            producer.Produce(topic, new Message<Null, string> { Value = lines[i] });
            var due = InputDuration * ((double)(i + 1) / lines.Count);
            if (due > clock.Elapsed)
            {
                Thread.Sleep(due - clock.Elapsed);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(60));
    }

    private static async Task CreateTopicsAsync(EmbeddedKafkaCluster? embedded, string bootstrap, string[] topics)
    {
        if (embedded is not null)
        {
            foreach (var topic in topics)
            {
                embedded.CreateTopic(topic, partitions: 4);
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification { Name = t, NumPartitions = 4, ReplicationFactor = -1 }));
    }

    private static Process StartWorker(Dictionary<string, string> environment, string label)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Demo).Assembly.Location);
        }

        start.ArgumentList.Add("--worker");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Echo(label, e.Data);
        process.ErrorDataReceived += (_, e) => Echo(label, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Echo(string label, string? line)
    {
        // The job's log, condensed to the lines that tell the recovery story.
        if (line is not null && (line.Contains("checkpoint", StringComparison.OrdinalIgnoreCase) || line.Contains("restor", StringComparison.OrdinalIgnoreCase)
            || line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("dashboard", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Starting job", StringComparison.Ordinal) || line.Contains("error", StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"  [{label}] {line.Trim()}");
        }
    }

    private static void Terminate(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM: the host stops the job gracefully (aborts the in-flight checkpoint, closes Kafka clients).
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int Fail(Process process, string why)
    {
        Terminate(process);
        Console.WriteLine($"Demo failed: {why}.");
        return 1;
    }

    private static void Step(string text) => Console.WriteLine($"==> {text}");

    private static string[] BuildVocabulary()
    {
        string[] stems = ["stream", "state", "barrier", "check", "point", "kafka", "key", "group", "epoch", "sink", "source", "window", "event", "time", "offset", "commit", "flink", "dotnet", "roslyn", "record"];
        string[] suffixes = ["", "s", "ed", "ing", "er", "ly", "able", "ful", "ness", "ist"];
        return stems.SelectMany(s => suffixes.Select(x => s + x)).ToArray();
    }

    /// <summary>Reads the output topic with read_committed, as a downstream consumer would.</summary>
    private sealed class ResultReader : IDisposable
    {
        private readonly IConsumer<string?, string> _consumer;

        public ResultReader(string bootstrap, string topic)
        {
            _consumer = new ConsumerBuilder<string?, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = "wordcount-demo-verifier-" + Guid.NewGuid().ToString("N"),
                IsolationLevel = IsolationLevel.ReadCommitted,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            _consumer.Subscribe(topic);
        }

        public long Count { get; private set; }

        public Dictionary<string, List<long>> Counts { get; } = new(StringComparer.Ordinal);

        public async Task<bool> WaitUntilAsync(Func<long, bool> condition, TimeSpan timeout, long total)
        {
            var deadline = DateTime.UtcNow + timeout;
            var lastPrint = DateTime.MinValue;
            while (DateTime.UtcNow < deadline)
            {
                Drain();
                if (DateTime.UtcNow - lastPrint > TimeSpan.FromSeconds(2))
                {
                    Console.WriteLine($"  results committed to Kafka: {Count:N0}/{total:N0}");
                    lastPrint = DateTime.UtcNow;
                }

                if (condition(Count))
                {
                    return true;
                }

                await Task.Delay(100);
            }

            return false;
        }

        public void Drain()
        {
            while (_consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } result)
            {
                var count = JsonSerializer.Deserialize(result.Message.Value, WordCountJson.Default.WordCount)!;
                if (!Counts.TryGetValue(count.Word, out var list))
                {
                    Counts[count.Word] = list = new List<long>();
                }

                list.Add(count.Count);
                Count++;
            }
        }

        public void Dispose()
        {
            _consumer.Close();
            _consumer.Dispose();
        }
    }
}
