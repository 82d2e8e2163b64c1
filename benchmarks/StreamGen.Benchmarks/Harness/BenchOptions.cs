using System.Globalization;

namespace StreamGen.Benchmarks.Harness;

/// <summary>Command line: <c>[--quick | --smoke] [--only name,name] [--out path] [--parallelism n] [--keys n] [--batch-size n] [--channel-capacity n]</c>.</summary>
internal sealed class BenchOptions
{
    /// <summary>Fewer and shorter runs (about 4 minutes); <see cref="Smoke"/> implies it.</summary>
    public bool Quick { get; private init; }

    /// <summary>
    /// One tiny iteration of every scenario (well under a minute): proves the benchmark starts, runs every
    /// scenario and writes its JSON. Its figures mean nothing and no target is judged.
    /// </summary>
    public bool Smoke { get; private init; }

    /// <summary>Scenario names to run; empty runs all.</summary>
    public IReadOnlySet<string> Only { get; private init; } = new HashSet<string>();

    public string? OutputPath { get; private init; }

    /// <summary>Subtasks per stage of the in-memory pipelines (and workers of the TPL Dataflow baseline).</summary>
    public int Parallelism { get; private init; } = 1;

    /// <summary>Records per channel batch (<c>JobExecutionOptions.BatchSize</c>); null keeps the runtime's default.</summary>
    public int? BatchSize { get; private init; }

    /// <summary>Batches per channel (<c>JobExecutionOptions.ChannelCapacity</c>); null keeps the runtime's default.</summary>
    public int? ChannelCapacity { get; private init; }

    /// <summary>Distinct keys of the keyed-count and checkpoint-cost scenarios; the figure is 100 k.</summary>
    public int DistinctKeys { get; private init; } = 100_000;

    /// <summary>Records of the keyed-count and stateless scenarios' runs without checkpoints.</summary>
    public long Records => Smoke ? 200_000 : Quick ? 5_000_000 : 10_000_000;

    /// <summary>Records of each Kafka end-to-end run.</summary>
    public int KafkaRecords => Smoke ? 2_000 : Quick ? 100_000 : 500_000;

    /// <summary>Keys of the checkpoint-size, serializer and recovery scenarios (1 M in quick and full runs: it is the figure).</summary>
    public int LargeStateKeys => Smoke ? 10_000 : 1_000_000;

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        var quick = false;
        var smoke = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? output = null;
        var parallelism = 1;
        int? batchSize = null, channelCapacity = null;
        var keys = 100_000;
        var keysGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--smoke":
                    smoke = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--parallelism" when i + 1 < args.Length:
                    parallelism = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keys" when i + 1 < args.Length:
                    keys = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    keysGiven = true;
                    break;
                case "--batch-size" when i + 1 < args.Length:
                    batchSize = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--channel-capacity" when i + 1 < args.Length:
                    channelCapacity = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick | --smoke] [--only keyed-count,stateless,checkpoint-cost,serializers,kafka,recovery] [--out path] [--parallelism n] [--keys n] [--batch-size n] [--channel-capacity n]");
            }
        }

        if (smoke && !keysGiven)
        {
            keys = 1_000;
        }

        return new BenchOptions { Quick = quick || smoke, Smoke = smoke, Only = only, OutputPath = output, Parallelism = parallelism, BatchSize = batchSize, ChannelCapacity = channelCapacity, DistinctKeys = keys };
    }
}
