using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using StreamGen.Benchmarks.Harness;
using StreamGen.Benchmarks.Workload;
using StreamGen.Checkpointing;
using StreamGen.Graph;
using StreamGen.Kafka;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Native;
using StreamGen.Recovery;

namespace StreamGen.Benchmarks.Scenarios;

/// <summary>
/// Kafka end to end on the embedded broker: consume → keyed running count → produce "key:count", every
/// variant reading the same pre-loaded input topic from the beginning into its own output topic.
/// StreamGen runs with checkpoints every second in AtLeastOnce and ExactlyOnce; the baselines are a
/// hand-written Confluent.Kafka consume-transform-produce loop, plain (idempotent producer, offsets committed
/// every second) and transactional (a transaction per second carrying the consumed offsets). A run ends
/// when every output is durable: flushed (plain) or committed (transactions; for StreamGen the checkpoint
/// triggered after the sink took the last record completed).
/// </summary>
internal sealed class KafkaScenario : IScenario
{
    private const int Partitions = 4;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    public string Name => "kafka";

    public async Task RunAsync(BenchContext context)
    {
        var records = context.Options.KafkaRecords;
        // The hand-written baseline loops create their own clients: on the same librdkafka as StreamGen's.
        KafkaNativeLibrary.EnsureLoaded();
        using var cluster = EmbeddedKafkaCluster.Start();
        var run = Guid.NewGuid().ToString("N")[..8];
        var input = $"bench-in-{run}";
        cluster.CreateTopic(input, Partitions);
        var loadSeconds = Load(cluster.BootstrapServers, input, context.Keys, records);
        Console.WriteLine($"  loaded {records:N0} records into {input} in {loadSeconds:0.0} s ({records / loadSeconds:N0}/s)");

        RunFigures? plain = null, transactional = null, atLeastOnce = null, exactlyOnce = null;
        var variant = 0;
        for (var repeat = 0; repeat < Math.Max(1, context.Repeats - 1); repeat++)
        {
            string Output()
            {
                var topic = $"bench-out-{run}-{variant++}";
                cluster.CreateTopic(topic, Partitions);
                return topic;
            }

            plain = Best.Of(plain, HandWrittenLoop(cluster.BootstrapServers, input, Output(), records, transactional: false), r => r.RecordsPerSecond);
            transactional = Best.Of(transactional, HandWrittenLoop(cluster.BootstrapServers, input, Output(), records, transactional: true), r => r.RecordsPerSecond);
            atLeastOnce = Best.Of(atLeastOnce, await StreamGenAsync(cluster.BootstrapServers, input, Output(), records, CheckpointingMode.AtLeastOnce), r => r.RecordsPerSecond);
            exactlyOnce = Best.Of(exactlyOnce, await StreamGenAsync(cluster.BootstrapServers, input, Output(), records, CheckpointingMode.ExactlyOnce), r => r.RecordsPerSecond);
        }

        var report = context.Report;
        report.Add(ResultRow.From(Name, "baseline: Confluent loop, plain", plain!));
        report.Add(ResultRow.From(Name, "baseline: Confluent loop, transactional", transactional!));
        var alo = ResultRow.From(Name, "StreamGen AtLeastOnce 1 s", atLeastOnce!);
        alo.Ratios["vs plain loop"] = Math.Round(atLeastOnce!.RecordsPerSecond / plain!.RecordsPerSecond, 3);
        report.Add(alo);
        var eo = ResultRow.From(Name, "StreamGen ExactlyOnce 1 s", exactlyOnce!);
        eo.Ratios["vs transactional loop"] = Math.Round(exactlyOnce!.RecordsPerSecond / transactional!.RecordsPerSecond, 3);
        report.Add(eo);
        report.Judge("Kafka ExactlyOnce x transactional hand-written loop", exactlyOnce.RecordsPerSecond / transactional.RecordsPerSecond, ">=", 0.8, "x");
    }

    private static double Load(string bootstrap, string topic, KeyWorkload keys, int records)
    {
        var clock = Stopwatch.StartNew();
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 20, BatchNumMessages = 10_000, EnableIdempotence = true, Acks = Acks.All }).Build();
        for (var i = 0; i < records; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<Null, string> { Value = keys.KeyAt(i) });
                    break;
                }
                catch (ProduceException<Null, string> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The loop a user writes without a framework: one consumer over all partitions (assigned, not
    /// subscribed, like StreamGen's source), a Dictionary of counts, one producer with the same settings as
    /// StreamGen's sinks (idempotent, acks=all, linger 5 ms).
    /// </summary>
    private static RunFigures HandWrittenLoop(string bootstrap, string input, string output, int records, bool transactional)
    {
        var group = $"bench-loop-{Guid.NewGuid():N}";
        var measurement = Measurement.Start();
        var producerConfig = new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 };
        if (transactional)
        {
            producerConfig.TransactionalId = group;
        }

        using var producer = new ProducerBuilder<byte[], byte[]>(producerConfig).Build();
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(input, p, Offset.Beginning)));
        if (transactional)
        {
            producer.InitTransactions(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
        }

        var counts = new Dictionary<string, long>();
        var next = new long[Partitions];
        var lastCommit = Stopwatch.GetTimestamp();
        for (var consumed = 0; consumed < records;)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            var key = result.Message.Value;
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
            count++;
            Produce(producer, output, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = KeyCountSerializer.Format(key, count) });
            next[result.Partition.Value] = result.Offset.Value + 1;
            consumed++;
            if (Stopwatch.GetElapsedTime(lastCommit) >= CommitInterval)
            {
                Commit(producer, consumer, input, next, transactional, last: false);
                lastCommit = Stopwatch.GetTimestamp();
            }
        }

        Commit(producer, consumer, input, next, transactional, last: true);
        return measurement.Stop(records);
    }

    private static void Produce(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    private static void Commit(IProducer<byte[], byte[]> producer, IConsumer<Ignore, string> consumer, string input, long[] next, bool transactional, bool last)
    {
        var offsets = Enumerable.Range(0, Partitions).Where(p => next[p] > 0).Select(p => new TopicPartitionOffset(input, p, next[p])).ToList();
        if (transactional)
        {
            producer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, TimeSpan.FromSeconds(30));
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
            if (!last)
            {
                producer.BeginTransaction();
            }

            return;
        }

        if (last)
        {
            producer.Flush(TimeSpan.FromMinutes(1));
        }

        if (offsets.Count > 0)
        {
            consumer.Commit(offsets);
        }
    }

    private static async Task<RunFigures> StreamGenAsync(string bootstrap, string input, string output, int records, CheckpointingMode mode)
    {
        var name = $"bench-kafka-{Guid.NewGuid():N}";
        var job = new JobBuilder(name);
        job.UseKafka(new KafkaClusterOptions { BootstrapServers = bootstrap });
        job.FromKafka(input, o => o.GroupId = name, parallelism: 1).Uid("source")
            .KeyBy(key => key)
            .Process(() => new RunningCount()).Uid("count")
            .ToKafka(output, KeyCountSerializer.Instance, key: c => c.Key, configure: o => o.TransactionTimeout = TimeSpan.FromSeconds(60)).Uid("sink");
        var storage = Scratch.NewDirectory("kafka");
        try
        {
            var measurement = Measurement.Start();
            var options = PipelineRun.Options(storage, CommitInterval, mode);
            options.Checkpointing.Timeout = TimeSpan.FromSeconds(30); // the sink requires transaction timeout > interval + checkpoint timeout
            var execution = JobRunner.Start(job.Build(), options);
            try
            {
                var deadline = Stopwatch.StartNew();
                while (SinkRecords(execution) < records)
                {
                    if (execution.Completion.IsCompleted || deadline.Elapsed > TimeSpan.FromMinutes(5))
                    {
                        await execution.Completion;
                        throw new TimeoutException($"StreamGen {mode} wrote {SinkRecords(execution)} of {records} records.");
                    }

                    await Task.Delay(2);
                }

                // Output is durable (flushed, or committed in ExactlyOnce) once a checkpoint after the last record completes.
                await execution.TriggerCheckpointAsync();
                return measurement.Stop(records);
            }
            finally
            {
                await execution.CancelAsync();
            }
        }
        finally
        {
            Scratch.Delete(storage);
        }
    }

    private static long SinkRecords(JobExecution execution)
        => execution.GetOperatorMetrics().Where(m => m.OperatorId == "sink").Sum(m => m.RecordsIn);
}
