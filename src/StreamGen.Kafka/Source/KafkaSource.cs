using Confluent.Kafka;
using StreamGen.Connectors;
using StreamGen.Kafka.Native;

namespace StreamGen.Kafka.Source;

/// <summary>A Kafka source: one <see cref="KafkaSourceReader{T}"/> per subtask.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class KafkaSource<T>(KafkaClusterOptions cluster, KafkaSourceOptions options, IDeserializer<T> deserializer) : ISource<T>
{
    /// <summary>The source's settings.</summary>
    public KafkaSourceOptions Options => options;

    /// <inheritdoc />
    /// <exception cref="KafkaNativeLibraryException">librdkafka is missing, unloadable or too old; restarting cannot help.</exception>
    public ISourceReader<T> CreateReader(ConnectorContext context)
    {
        KafkaNativeLibrary.EnsureLoaded(context.LoggerFactory);
        return new KafkaSourceReader<T>(cluster, options, deserializer, context);
    }
}
