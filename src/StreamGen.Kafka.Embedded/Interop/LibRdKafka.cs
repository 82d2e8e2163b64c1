using System.Runtime.InteropServices;

namespace StreamGen.Kafka.Embedded.Interop;

/// <summary>
/// The librdkafka entry points the embedded broker needs, bound to the broker's own build
/// (<c>libstreamgen-rdkafka-mock.so</c>, with the mock-cluster patches; eng/librdkafka), never to
/// the library Confluent.Kafka's clients load: the two may live in one process side by side.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    internal const string LibraryName = "libstreamgen-rdkafka-mock";

    internal const int ProducerType = 0;

    internal const int ConfOk = 0;

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_version_str")]
    internal static partial byte* VersionString();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_err2str")]
    internal static partial byte* ErrorToString(int error);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte* errorText, nuint errorTextSize);

    /// <remarks>Takes ownership of <paramref name="conf"/> only when it succeeds.</remarks>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, byte* errorText, nuint errorTextSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint kafka);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint MockClusterNew(nint kafka, int brokerCount);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial byte* MockClusterBootstraps(nint cluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(nint cluster, int delayMs);

    /// <remarks>Added by eng/librdkafka/patches.</remarks>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_listen_port")]
    internal static partial int MockBrokerSetListenPort(nint cluster, int brokerId, int port);

    /// <remarks>Added by eng/librdkafka/patches.</remarks>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_partition_set_retention")]
    internal static partial int MockPartitionSetRetention(nint cluster, long maxBytes, long maxMessageSets);

    internal static string Describe(int error) => Marshal.PtrToStringUTF8((nint)ErrorToString(error)) ?? $"error {error}";
}
