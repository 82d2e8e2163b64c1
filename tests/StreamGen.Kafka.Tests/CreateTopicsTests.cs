using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Tests.Infrastructure;

namespace StreamGen.Kafka.Tests;

/// <summary>
/// The Admin API's CreateTopics, which programs given only a bootstrap address use to create their topics. The first
/// two tests run against the fixture's broker (embedded or <c>STREAMGEN_TEST_KAFKA</c>) and hold for a real cluster
/// too; the others start their own embedded cluster (<see cref="KafkaFixture.OwnBroker"/>) because they pin down what
/// the embedded broker does where it differs from a cluster (no topic configs) or needs several brokers.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class CreateTopicsTests(KafkaFixture kafka)
{
    private static readonly CreateTopicsOptions Timeout = new() { OperationTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_created_topic_has_its_partitions_and_a_second_create_reports_that_it_exists()
    {
        using var admin = Admin(kafka.BootstrapServers);
        var topic = KafkaFixture.UniqueName("admin-create");

        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 3, ReplicationFactor = -1 }], Timeout);

        Assert.Equal(3, PartitionCount(admin, topic));
        var again = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = -1 }], Timeout));
        var result = Assert.Single(again.Results);
        Assert.Equal(ErrorCode.TopicAlreadyExists, result.Error.Code);
        Assert.Equal(3, PartitionCount(admin, topic));

        using var producer = KafkaClients.Producer(kafka.BootstrapServers);
        var delivered = await producer.ProduceAsync(
            new TopicPartition(topic, new Partition(2)), new Message<string, string> { Key = "k", Value = "v" });
        Assert.Equal(new Partition(2), delivered.Partition);
    }

    [Fact]
    public async Task Zero_partitions_is_refused_and_validate_only_creates_nothing()
    {
        using var admin = Admin(kafka.BootstrapServers);
        var zero = KafkaFixture.UniqueName("admin-zero");
        var validated = KafkaFixture.UniqueName("admin-validate");

        var refused = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = zero, NumPartitions = 0, ReplicationFactor = -1 }], Timeout));
        Assert.Equal(ErrorCode.InvalidPartitions, Assert.Single(refused.Results).Error.Code);

        await admin.CreateTopicsAsync(
            [new TopicSpecification { Name = validated, NumPartitions = 2, ReplicationFactor = -1 }],
            new CreateTopicsOptions { OperationTimeout = Timeout.OperationTimeout, ValidateOnly = true });

        var topics = admin.GetMetadata(KafkaClients.OperationTimeout).Topics.Select(t => t.Topic).ToList();
        Assert.DoesNotContain(zero, topics);
        Assert.DoesNotContain(validated, topics);
    }

    [Fact]
    [Trait(KafkaFixture.OwnBrokerTrait, KafkaFixture.OwnBroker)]
    public async Task The_embedded_broker_refuses_topic_configs_by_name_instead_of_ignoring_them()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        using var admin = Admin(cluster.BootstrapServers);
        var topic = KafkaFixture.UniqueName("admin-config");

        var refused = await Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync(
            [
                new TopicSpecification
                {
                    Name = topic,
                    NumPartitions = 1,
                    ReplicationFactor = -1,
                    Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
                },
            ],
            Timeout));

        var result = Assert.Single(refused.Results);
        Assert.Equal(ErrorCode.InvalidConfig, result.Error.Code);
        Assert.Contains("cleanup.policy", result.Error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(topic, admin.GetMetadata(KafkaClients.OperationTimeout).Topics.Select(t => t.Topic));
    }

    [Fact]
    [Trait(KafkaFixture.OwnBrokerTrait, KafkaFixture.OwnBroker)]
    public async Task An_explicit_replica_assignment_sets_each_partitions_replicas_and_leader()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BrokerCount = 3 });
        using var admin = Admin(cluster.BootstrapServers);
        var topic = KafkaFixture.UniqueName("admin-assign");
        var assignment = new Dictionary<int, List<int>> { [0] = [3, 1], [1] = [2, 3] };

        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = assignment.Count, ReplicationFactor = -1, ReplicasAssignments = assignment }], Timeout);

        var partitions = admin.GetMetadata(KafkaClients.OperationTimeout).Topics.Single(t => t.Topic == topic).Partitions;
        Assert.Equal(assignment.Keys.Order(), partitions.Select(p => p.PartitionId).Order());
        foreach (var partition in partitions)
        {
            Assert.Equal(assignment[partition.PartitionId], partition.Replicas);
            Assert.Equal(assignment[partition.PartitionId][0], partition.Leader);
        }

        var unknownBroker = await Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync(
            [
                new TopicSpecification
                {
                    Name = topic + "-x", NumPartitions = 1, ReplicationFactor = -1, ReplicasAssignments = new() { [0] = [1, 9] },
                },
            ],
            Timeout));
        var result = Assert.Single(unknownBroker.Results);
        Assert.Equal(ErrorCode.InvalidReplicaAssignment, result.Error.Code);
        Assert.Contains("broker 9", result.Error.Reason, StringComparison.Ordinal);
    }

    private static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();

    private static int PartitionCount(IAdminClient admin, string topic) =>
        admin.GetMetadata(KafkaClients.OperationTimeout).Topics.Single(t => t.Topic == topic).Partitions.Count;
}
