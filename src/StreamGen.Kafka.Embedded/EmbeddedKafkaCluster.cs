using System.Runtime.InteropServices;
using StreamGen.Kafka.Embedded.Interop;

namespace StreamGen.Kafka.Embedded;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster with
/// StreamGen's patches (read_committed isolation, transactional offsets, producer fencing,
/// large retention; see eng/librdkafka/README.md). Clients connect over loopback TCP at
/// <see cref="BootstrapServers"/>. All state is in memory and gone after
/// <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Create topics with <see cref="CreateTopic"/> or, as on a real cluster, the Admin API's
/// CreateTopics (topic configs are refused: the mock has none); producing to an unknown topic
/// auto-creates it with 4 partitions.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly Lock _gate = new();
    private nint _kafka;
    private nint _cluster;

    private EmbeddedKafkaCluster(nint kafka, nint cluster, int brokerCount, string bootstrapServers)
    {
        _kafka = kafka;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The <c>bootstrap.servers</c> value for clients, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster; it serves clients as soon as this returns.</summary>
    /// <exception cref="InvalidOperationException">
    /// The loaded librdkafka lacks StreamGen's patches, or the cluster could not start
    /// (for example a fixed port is taken).
    /// </exception>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaOptions? options = null)
    {
        options ??= new EmbeddedKafkaOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BrokerCount, 1, nameof(options.BrokerCount));
        ArgumentOutOfRangeException.ThrowIfNegative(options.PartitionRetentionBytes, nameof(options.PartitionRetentionBytes));
        if (options.Port is { } port && (port < 1 || port + options.BrokerCount - 1 > 65535))
        {
            throw new ArgumentOutOfRangeException(nameof(options), port, "Port must leave room for every broker below 65536.");
        }

        NativeLibraryInfo.EnsurePatched();

        var kafka = CreateHandle(options);
        var cluster = LibRdKafka.MockClusterNew(kafka, options.BrokerCount);
        if (cluster == 0)
        {
            LibRdKafka.Destroy(kafka);
            throw new InvalidOperationException("librdkafka could not create the mock cluster; its log on stderr says why.");
        }

        try
        {
            Configure(cluster, options);
            return new EmbeddedKafkaCluster(kafka, cluster, options.BrokerCount, ReadBootstraps(cluster));
        }
        catch
        {
            LibRdKafka.MockClusterDestroy(cluster);
            LibRdKafka.Destroy(kafka);
            throw;
        }
    }

    /// <summary>Creates a topic.</summary>
    /// <exception cref="InvalidOperationException">The broker refused, e.g. the topic exists.</exception>
    public void CreateTopic(string name, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            var error = LibRdKafka.MockTopicCreate(_cluster, name, partitions, replicationFactor);
            if (error != 0)
            {
                throw new InvalidOperationException($"Could not create topic '{name}': {LibRdKafka.Describe(error)}.");
            }
        }
    }

    /// <summary>Stops the brokers and frees the log; connected clients see the brokers go down.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster == 0)
            {
                return;
            }

            LibRdKafka.MockClusterDestroy(_cluster);
            LibRdKafka.Destroy(_kafka);
            _cluster = 0;
            _kafka = 0;
        }
    }

    /// <summary>The mock cluster lives inside a client handle; an idle producer is the cheapest.</summary>
    private static unsafe nint CreateHandle(EmbeddedKafkaOptions options)
    {
        const int errorTextSize = 512;
        var errorText = stackalloc byte[errorTextSize];
        var conf = LibRdKafka.ConfNew();
        try
        {
            Set("client.id", "streamgen-embedded-kafka");
            // The handle never connects anywhere; keep its own notices out of the test output.
            Set("log_level", options.Debug is null ? "3" : "7");
            if (options.Debug is not null)
            {
                Set("debug", options.Debug);
            }

            var kafka = LibRdKafka.New(LibRdKafka.ProducerType, conf, errorText, errorTextSize);
            if (kafka == 0)
            {
                throw new InvalidOperationException($"librdkafka could not create a handle: {Text()}");
            }

            conf = 0;
            return kafka;
        }
        finally
        {
            if (conf != 0)
            {
                LibRdKafka.ConfDestroy(conf);
            }
        }

        void Set(string name, string value)
        {
            if (LibRdKafka.ConfSet(conf, name, value, errorText, errorTextSize) != LibRdKafka.ConfOk)
            {
                throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text()}");
            }
        }

        string Text() => Marshal.PtrToStringUTF8((nint)errorText) ?? "";
    }

    private static void Configure(nint cluster, EmbeddedKafkaOptions options)
    {
        LibRdKafka.MockGroupInitialRebalanceDelayMs(cluster, checked((int)options.GroupInitialRebalanceDelay.TotalMilliseconds));
        Check(LibRdKafka.MockPartitionSetRetention(cluster, options.PartitionRetentionBytes, 0), "set the partition retention");
        if (options.Port is { } port)
        {
            for (var broker = 1; broker <= options.BrokerCount; broker++)
            {
                var brokerPort = port + broker - 1;
                Check(
                    LibRdKafka.MockBrokerSetListenPort(cluster, broker, brokerPort),
                    $"listen on 127.0.0.1:{brokerPort} (is the port in use?)");
            }
        }

        static void Check(int error, string what)
        {
            if (error != 0)
            {
                throw new InvalidOperationException($"The embedded broker could not {what}: {LibRdKafka.Describe(error)}.");
            }
        }
    }

    private static unsafe string ReadBootstraps(nint cluster) =>
        Marshal.PtrToStringUTF8((nint)LibRdKafka.MockClusterBootstraps(cluster))
        ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
}
