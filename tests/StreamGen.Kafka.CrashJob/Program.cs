using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Checkpointing;
using StreamGen.Graph;
using StreamGen.Kafka;
using StreamGen.Kafka.CrashJob;
using StreamGen.Recovery;
using StreamGen.Storage;

// Kafka (input, values are keys) -> KeyBy -> RunningCount -> Kafka (output "key:count"), checkpointed.
// Usage: CrashJob <bootstrap> <input> <output> <checkpoint-dir> <ExactlyOnce|AtLeastOnce> [parallelism] [interval-ms] [sink-parallelism]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: CrashJob <bootstrap> <input> <output> <checkpoint-dir> <ExactlyOnce|AtLeastOnce> [parallelism] [interval-ms] [sink-parallelism]");
    return 2;
}

var (bootstrap, input, output, checkpoints) = (args[0], args[1], args[2], args[3]);
var mode = Enum.Parse<CheckpointingMode>(args[4]);
var parallelism = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 2;
var interval = TimeSpan.FromMilliseconds(args.Length > 6 ? int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : 200);
var sinkParallelism = args.Length > 7 ? int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture) : parallelism;

var job = new JobBuilder("crash-job");
job.UseKafka(new KafkaClusterOptions { BootstrapServers = bootstrap });
job.FromKafka(input, parallelism: parallelism).Uid("source")
    .KeyBy(key => key)
    .Process(() => new RunningCount()).Uid("count").Parallelism(parallelism)
    .ToKafka(output, key: line => line[..line.LastIndexOf(':')], configure: o => o.TransactionTimeout = TimeSpan.FromSeconds(60)).Uid("sink").Parallelism(sinkParallelism);

var options = new JobExecutionOptions
{
    Storage = new FileSystemCheckpointStorage(checkpoints),
    Checkpointing = new CheckpointConfig { Mode = mode, Interval = interval, Timeout = TimeSpan.FromSeconds(30) },
    RestartStrategy = RestartStrategy.FixedDelay(100, TimeSpan.FromMilliseconds(50)),
    LoggerFactory = NullLoggerFactory.Instance,
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// SIGTERM stops the job gracefully, as the generic host does.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
Console.WriteLine("STARTED");
await JobRunner.RunAsync(job.Build(), options, cancel.Token);
return 0;
