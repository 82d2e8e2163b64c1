using System.Text;
using Confluent.Kafka;
using StreamGen.Kafka.Serialization;
using StreamGen.Kafka.Source;
using StreamGen.Kafka.Tests.Infrastructure;
using StreamGen.Recovery;

namespace StreamGen.Kafka.Tests.Connector;

[Collection(KafkaCollection.Name)]
public sealed class KafkaSourceTests(KafkaFixture kafka) : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "sg-kafka-source-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_checkpoint_it_starts_at_the_group_offsets_and_commits_checkpointed_offsets_back()
    {
        var topic = kafka.CreateTopic("src-committed", partitions: 2);
        var group = KafkaFixture.UniqueName("group");
        Produce(topic, 2, 50);
        using (var consumer = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadCommitted, group))
        {
            consumer.Commit([new TopicPartitionOffset(topic, 0, 20), new TopicPartitionOffset(topic, 1, 30)]);
        }

        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var output = ConnectorJob.Collect(job.FromKafka(topic, o => o.GroupId = group, parallelism: 2));
        await using var execution = ConnectorJob.Start(job, _checkpoints);

        await ConnectorJob.WaitUntilAsync(() => output.Records.Count >= 50, "the records after the committed offsets", execution);
        await ConnectorJob.WaitUntilAsync(() => CommittedOffsets(topic, group).SequenceEqual([50L, 50L]), "offsets committed on checkpoint completion", execution);
        await Task.Delay(300);

        var expected = Enumerable.Range(20, 30).Select(i => $"p0-{i}").Concat(Enumerable.Range(30, 20).Select(i => $"p1-{i}")).Order();
        Assert.Equal(expected, output.Records.Order());
    }

    [Fact]
    public async Task Offsets_restore_onto_a_different_source_parallelism_without_loss_or_duplicates()
    {
        var topic = kafka.CreateTopic("src-rescale", partitions: 5);
        Produce(topic, 5, 40);
        var output = new StreamGen.Connectors.CollectedOutput<string>();

        var first = ConnectorJob.Builder(kafka.BootstrapServers);
        first.FromKafka(topic, parallelism: 2).Uid("kafka").To(new StreamGen.Connectors.ExactlyOnceCollectingSink<string>(output)).Uid("collect");
        await using (var execution = ConnectorJob.Start(first, _checkpoints))
        {
            await ConnectorJob.WaitUntilAsync(() => output.Records.Count == 200 && execution.GetCheckpointStats().Completed >= 2, "the first 200 records", execution);
            await execution.CancelAsync();
        }

        Produce(topic, 5, 40, start: 40);
        var second = ConnectorJob.Builder(kafka.BootstrapServers);
        second.FromKafka(topic, parallelism: 3).Uid("kafka").To(new StreamGen.Connectors.ExactlyOnceCollectingSink<string>(output)).Uid("collect");
        await using (var execution = ConnectorJob.Start(second, _checkpoints))
        {
            Assert.NotNull(execution);
            await ConnectorJob.WaitUntilAsync(() => output.Records.Count >= 400, "all 400 records", execution);
            await Task.Delay(500);
        }

        Assert.Equal(400, output.Records.Count);
        Assert.Equal(400, output.Records.Distinct().Count());
    }

    [Fact]
    public async Task Partitions_of_a_topic_that_appears_after_the_start_are_discovered()
    {
        var topic = KafkaFixture.UniqueName("src-late");
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var output = ConnectorJob.Collect(job.FromKafka(topic, o => o.PartitionDiscoveryInterval = TimeSpan.FromMilliseconds(200), parallelism: 2));
        await using var execution = ConnectorJob.Start(job, _checkpoints);
        await Task.Delay(500);

        CreateTopic(topic, 3);
        Produce(topic, 3, 10);

        await ConnectorJob.WaitUntilAsync(() => output.Records.Count >= 30, "records of the new partitions", execution);
        Assert.Equal(30, output.Records.Distinct().Count());
    }

    [Fact]
    public async Task A_record_that_cannot_be_deserialized_fails_the_job_naming_topic_partition_and_offset()
    {
        var topic = kafka.CreateTopic("src-bad", partitions: 1);
        ProduceRaw(topic, ["{\"value\":1}", "not json", "{\"value\":3}"]);
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        ConnectorJob.Collect(job.FromKafka(topic, KafkaSerializers.Json(TestJson.Default.Payload)));
        await using var execution = ConnectorJob.Start(job, _checkpoints);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        var cause = failure as KafkaDeserializationException ?? failure.InnerException as KafkaDeserializationException ?? (failure.GetBaseException() as KafkaDeserializationException);
        Assert.NotNull(cause);
        Assert.Equal(topic, cause.Topic);
        Assert.Equal(0, cause.Partition);
        Assert.Equal(1, cause.Offset);
        Assert.Contains($"topic '{topic}', partition 0, offset 1", cause.Message);
    }

    [Fact]
    public async Task Skip_and_dead_letter_policies_continue_past_bad_records()
    {
        var topic = kafka.CreateTopic("src-dlq-in", partitions: 1);
        var deadLetters = kafka.CreateTopic("src-dlq", partitions: 1);
        ProduceRaw(topic, ["{\"value\":1}", "not json", "{\"value\":3}", "{broken", "{\"value\":5}"]);

        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var routed = ConnectorJob.Collect(job.FromKafka(topic, KafkaSerializers.Json(TestJson.Default.Payload), o =>
        {
            o.OnDeserializationError = DeserializationErrorHandling.DeadLetter;
            o.DeadLetterTopic = deadLetters;
        }).Map(p => p.Value).Uid("values"));
        await using (var execution = ConnectorJob.Start(job, _checkpoints))
        {
            await ConnectorJob.WaitUntilAsync(() => routed.Records.Count >= 3, "the good records", execution);
            await ConnectorJob.WaitUntilAsync(() => execution.GetCheckpointStats().Completed >= 1, "a checkpoint (flushes dead letters)", execution);
        }

        Assert.Equal([1, 3, 5], routed.Records.Order());
        using var consumer = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadCommitted);
        consumer.Assign(new TopicPartitionOffset(deadLetters, 0, Offset.Beginning));
        var dead = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (dead.Count < 2 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } r)
            {
                dead.Add(r);
            }
        }

        Assert.Equal(["not json", "{broken"], dead.Select(d => d.Message.Value));
        Assert.Contains($"offset 1", Encoding.UTF8.GetString(dead[0].Message.Headers.GetLastBytes("streamgen.source")));
        Assert.False(string.IsNullOrEmpty(Encoding.UTF8.GetString(dead[0].Message.Headers.GetLastBytes("streamgen.error"))));

        var skipJob = ConnectorJob.Builder(kafka.BootstrapServers);
        var skipped = ConnectorJob.Collect(skipJob.FromKafka(topic, KafkaSerializers.Json(TestJson.Default.Payload), o => o.OnDeserializationError = DeserializationErrorHandling.Skip).Map(p => p.Value).Uid("values"));
        await using (var execution = ConnectorJob.Start(skipJob, _checkpoints + "-skip"))
        {
            await ConnectorJob.WaitUntilAsync(() => skipped.Records.Count >= 3, "the good records", execution);
            await Task.Delay(200);
        }

        Assert.Equal([1, 3, 5], skipped.Records.Order());
    }

    [Fact]
    public async Task A_dead_letter_the_broker_refuses_fails_the_job_naming_both_topics_and_the_source_stays_before_the_record()
    {
        var topic = kafka.CreateTopic("src-dlq-big-in", partitions: 1);
        var deadLetters = kafka.CreateTopic("src-dlq-big", partitions: 1);
        ProduceRaw(topic, ["{\"value\":1}", "{\"value\":2}"]);
        var job = ConnectorJob.Builder(kafka.BootstrapServers);
        var routed = ConnectorJob.Collect(job.FromKafka(topic, KafkaSerializers.Json(TestJson.Default.Payload), o =>
        {
            o.OnDeserializationError = DeserializationErrorHandling.DeadLetter;
            o.DeadLetterTopic = deadLetters;
        }).Uid("kafka").Map(p => p.Value).Uid("values"));
        await using (var execution = ConnectorJob.Start(job, _checkpoints))
        {
            await ConnectorJob.WaitUntilAsync(() => routed.Records.Count == 2 && execution.GetCheckpointStats().Completed >= 2, "the good records, checkpointed", execution);

            // Not JSON, so dead-lettered; larger than the dead-letter producer's message.max.bytes (1 MB), so refused.
            var poison = new string('x', 2 * 1024 * 1024);
            using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageMaxBytes = 4 * 1024 * 1024 }).Build())
            {
                producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = null!, Value = poison });
                producer.Flush(KafkaClients.OperationTimeout);
            }

            var failure = await Assert.ThrowsAnyAsync<Exception>(() => execution.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
            var cause = Find<KafkaDeadLetterException>(failure);
            Assert.NotNull(cause);
            Assert.Equal((deadLetters, topic, 0, 2L), (cause.DeadLetterTopic, cause.Topic, cause.Partition, cause.Offset));
            Assert.Contains($"topic '{topic}', partition 0, offset 2", cause.Message);
            Assert.Contains($"dead-letter topic '{deadLetters}'", cause.Message);
        }

        // The last checkpoint stops before the refused record: a restart (here reading raw strings) starts with it.
        var restarted = ConnectorJob.Builder(kafka.BootstrapServers);
        var raw = ConnectorJob.Collect(restarted.FromKafka(topic).Uid("kafka").Map(v => v.Length).Uid("values"));
        await using (var execution = ConnectorJob.Start(restarted, _checkpoints))
        {
            await ConnectorJob.WaitUntilAsync(() => raw.Records.Count >= 1, "the refused record, read again", execution);
            await Task.Delay(300);
        }

        Assert.Equal([2 * 1024 * 1024], raw.Records);
    }

    [Fact]
    [Trait(KafkaFixture.OwnBrokerTrait, KafkaFixture.OwnBroker)]
    public async Task While_no_broker_is_reachable_the_job_retries_reports_unhealthy_and_then_loses_nothing()
    {
        var port = KafkaFixture.FreeLoopbackPort();
        var bootstrap = $"127.0.0.1:{port}";
        var topic = KafkaFixture.UniqueName("src-down");
        var job = ConnectorJob.Builder(bootstrap);
        var output = ConnectorJob.Collect(job.FromKafka(topic, o => o.PartitionDiscoveryInterval = TimeSpan.FromMilliseconds(200)));
        await using var execution = ConnectorJob.Start(job, _checkpoints, RestartStrategy.FixedDelay(1000, TimeSpan.FromMilliseconds(200)));

        await ConnectorJob.WaitUntilAsync(() => KafkaHealth.UnreachableLongerThan(TimeSpan.FromMilliseconds(500)).Count > 0, "the source to report the broker unreachable", seconds: 60);

        using var broker = new SeparateProcessKafkaBroker(port);
        broker.CreateTopicNamed(topic, 2);
        Produce(bootstrap, topic, 2, 25);
        await ConnectorJob.WaitUntilAsync(() => output.Records.Count >= 50, "all records once the broker is up", execution, seconds: 90);
        await ConnectorJob.WaitUntilAsync(() => KafkaHealth.UnreachableLongerThan(TimeSpan.Zero).Count == 0, "the health to recover", execution);
        Assert.Equal(50, output.Records.Distinct().Count());
    }

    private static TException? Find<TException>(Exception? failure)
        where TException : Exception
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is TException found)
            {
                return found;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<TException>).FirstOrDefault(f => f is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private void Produce(string topic, int partitions, int perPartition, int start = 0) => Produce(kafka.BootstrapServers, topic, partitions, perPartition, start);

    private static void Produce(string bootstrap, string topic, int partitions, int perPartition, int start = 0)
    {
        using var producer = KafkaClients.Producer(bootstrap);
        for (var p = 0; p < partitions; p++)
        {
            for (var i = start; i < start + perPartition; i++)
            {
                producer.Produce(new TopicPartition(topic, p), new Message<string, string> { Key = null!, Value = $"p{p}-{i}" });
            }
        }

        producer.Flush(KafkaClients.OperationTimeout);
    }

    private void ProduceRaw(string topic, string[] values)
    {
        using var producer = KafkaClients.Producer(kafka.BootstrapServers);
        foreach (var value in values)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = null!, Value = value });
        }

        producer.Flush(KafkaClients.OperationTimeout);
    }

    private void CreateTopic(string name, int partitions) => kafka.CreateTopicNamed(name, partitions);

    private long[] CommittedOffsets(string topic, string group)
    {
        using var consumer = KafkaClients.Consumer(kafka.BootstrapServers, IsolationLevel.ReadCommitted, group);
        return consumer.Committed([new TopicPartition(topic, 0), new TopicPartition(topic, 1)], KafkaClients.OperationTimeout)
            .OrderBy(o => o.Partition.Value).Select(o => o.Offset.Value).ToArray();
    }
}
