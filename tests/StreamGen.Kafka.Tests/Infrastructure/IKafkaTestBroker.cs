namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>A broker a test talks to: embedded (in-process or separate process) or real.</summary>
public interface IKafkaTestBroker
{
    /// <summary>The <c>bootstrap.servers</c> value for clients.</summary>
    string BootstrapServers { get; }

    /// <summary>
    /// Creates a topic whose name starts with <paramref name="purpose"/> and is unique, so
    /// tests never see each other's records on a shared (possibly real) broker.
    /// </summary>
    string CreateTopic(string purpose, int partitions = 1);
}
