using System.Globalization;
using NativeAot;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;

// Usage: NativeAot <checkpoint-dir> [records-per-partition]
// Runs a keyed job with checkpoints every 100 ms; started again on the same directory it resumes from the
// latest checkpoint. Prints "FINAL <sensor> <count> <sum> <last three>" per sensor and "CHECKPOINTS <n>".
var storagePath = args.Length > 0 ? args[0] : "checkpoints";
var perPartition = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var output = new CollectedOutput<string>();
var source = new ReplayableSource<Reading>(2, perPartition, (partition, index) => new Reading("sensor-" + (partition * 4 + index % 4), (index * 7 + partition) % 100))
    .Throttled(5, TimeSpan.FromMilliseconds(5));
var job = new JobBuilder("native-aot");
job.From(source, parallelism: 2).Uid("readings")
    .KeyBy(r => r.Sensor)
    .Process(() => new SensorStats()).Uid("stats").Parallelism(2)
    .To(new ExactlyOnceCollectingSink<string>(output)).Uid("out");

var execution = JobRunner.Start(job.Build(), new JobExecutionOptions
{
    Storage = new FileSystemCheckpointStorage(storagePath),
    Checkpointing = new CheckpointConfig { Mode = CheckpointingMode.ExactlyOnce, Interval = TimeSpan.FromMilliseconds(100) },
});
await execution.Completion;
foreach (var line in output.Records.GroupBy(l => l.Split(' ')[0]).Select(g => g.Last()).Order(StringComparer.Ordinal))
{
    Console.WriteLine("FINAL " + line);
}

Console.WriteLine($"CHECKPOINTS {execution.GetCheckpointStats().Completed}");
return 0;
