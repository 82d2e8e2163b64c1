using StreamGen.Kafka.Embedded;

namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>The embedded broker as a child process on a fixed loopback port.</summary>
public sealed class SeparateProcessKafkaBroker : IKafkaTestBroker, IDisposable
{
    private readonly EmbeddedKafkaServerProcess _process;

    /// <summary>Starts the broker process listening on <paramref name="port"/>.</summary>
    public SeparateProcessKafkaBroker(int port)
    {
        Port = port;
        _process = EmbeddedKafkaServerProcess.Start(new EmbeddedKafkaOptions { Port = port });
    }

    /// <inheritdoc />
    public string BootstrapServers => _process.BootstrapServers;

    /// <summary>The fixed port the broker listens on.</summary>
    public int Port { get; }

    /// <summary>Whether the broker process is still alive.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <inheritdoc />
    public string CreateTopic(string purpose, int partitions = 1)
    {
        var name = KafkaFixture.UniqueName(purpose);
        _process.CreateTopic(name, partitions);
        return name;
    }

    /// <summary>Creates a topic with exactly this name.</summary>
    public void CreateTopicNamed(string name, int partitions) => _process.CreateTopic(name, partitions);

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
