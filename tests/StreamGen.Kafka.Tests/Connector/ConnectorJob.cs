using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Kafka.Tests.Connector;

/// <summary>Runs small in-process jobs against the test broker and collects their output.</summary>
internal static class ConnectorJob
{
    public static JobExecution Start(JobBuilder job, string checkpoints, RestartStrategy? restart = null, int intervalMs = 100, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
        => JobRunner.Start(job.Build(), new JobExecutionOptions
        {
            Storage = new FileSystemCheckpointStorage(checkpoints),
            Checkpointing = new CheckpointConfig { Mode = CheckpointingMode.ExactlyOnce, Interval = TimeSpan.FromMilliseconds(intervalMs), Timeout = TimeSpan.FromSeconds(30) },
            RestartStrategy = restart ?? RestartStrategy.None,
            LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance,
        });

    public static JobBuilder Builder(string bootstrap)
        => new JobBuilder("connector-test-" + Guid.NewGuid().ToString("N")[..8]).UseKafka(new KafkaClusterOptions { BootstrapServers = bootstrap });

    public static async Task WaitUntilAsync(Func<bool> condition, string what, JobExecution? execution = null, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (execution is { Completion.IsFaulted: true })
            {
                throw new InvalidOperationException($"The job failed while waiting for {what}", execution.Completion.Exception);
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    public static CollectedOutput<T> Collect<T>(DataStream<T> stream, bool exactlyOnce = false)
    {
        var output = new CollectedOutput<T>();
        stream.To(exactlyOnce ? new ExactlyOnceCollectingSink<T>(output) : new AtLeastOnceCollectingSink<T>(output)).Uid("collect");
        return output;
    }
}
