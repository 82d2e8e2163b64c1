using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using StreamGen.Kafka.Embedded;

namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>
/// The broker of every Kafka test: an in-process <see cref="EmbeddedKafkaCluster"/> by
/// default, or the real broker named by <c>STREAMGEN_TEST_KAFKA=host:port</c>, where
/// topics are created with the Admin API. The same tests run against both.
/// </summary>
public sealed class KafkaFixture : IKafkaTestBroker, IDisposable
{
    /// <summary>Environment variable naming a real broker to test against.</summary>
    public const string RealBrokerVariable = "STREAMGEN_TEST_KAFKA";

    /// <summary>
    /// Trait name and value of tests that use a broker of their own instead of this fixture's: they stop, start or
    /// reconfigure it, which a shared real broker does not allow. The run against <see cref="RealBrokerVariable"/>
    /// (eng/ci/kafka-external-broker-tests.sh) leaves them out and says so; the main run covers them.
    /// </summary>
    public const string OwnBrokerTrait = "Broker";

    /// <inheritdoc cref="OwnBrokerTrait"/>
    public const string OwnBroker = "Own";

    private readonly EmbeddedKafkaCluster? _embedded;
    private readonly IAdminClient? _admin;

    /// <summary>Starts the embedded broker, or connects to the configured real one.</summary>
    public KafkaFixture()
    {
        var realBroker = Environment.GetEnvironmentVariable(RealBrokerVariable);
        if (!string.IsNullOrWhiteSpace(realBroker))
        {
            BootstrapServers = realBroker.Trim();
            _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        }
        else
        {
            _embedded = EmbeddedKafkaCluster.Start();
            BootstrapServers = _embedded.BootstrapServers;
        }
    }

    /// <inheritdoc />
    public string BootstrapServers { get; }

    /// <summary>Whether the tests run against the embedded broker.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <inheritdoc />
    public string CreateTopic(string purpose, int partitions = 1)
    {
        var name = UniqueName(purpose);
        CreateTopicNamed(name, partitions);
        return name;
    }

    /// <summary>Creates a topic with exactly this name (for tests where the name must be known before the topic exists).</summary>
    public void CreateTopicNamed(string name, int partitions)
    {
        if (_embedded is not null)
        {
            _embedded.CreateTopic(name, partitions);
        }
        else
        {
            CreateTopicWithAdmin(_admin!, name, partitions);
        }
    }

    /// <summary>
    /// A broker in its own process that outlives killed client processes: the embedded
    /// server on a fixed loopback port, or, with a real broker configured, that broker.
    /// </summary>
    public IKafkaTestBroker StartSeparateProcessBroker() =>
        IsEmbedded ? new SeparateProcessKafkaBroker(FreeLoopbackPort()) : this;

    /// <summary>A name that starts with <paramref name="purpose"/> and is unique.</summary>
    public static string UniqueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    /// <inheritdoc />
    public void Dispose()
    {
        _embedded?.Dispose();
        _admin?.Dispose();
    }

    internal static void CreateTopicWithAdmin(IAdminClient admin, string name, int partitions)
    {
        admin.CreateTopicsAsync(
                [new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }],
                new CreateTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(10) })
            .GetAwaiter()
            .GetResult();
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        // The kernel picks a free port; the broker binds it a moment later (SO_REUSEADDR).
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
