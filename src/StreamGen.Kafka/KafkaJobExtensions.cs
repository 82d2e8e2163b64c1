using System.Runtime.CompilerServices;
using System.Text;
using Confluent.Kafka;
using StreamGen.Graph;
using StreamGen.Kafka.Native;
using StreamGen.Kafka.Serialization;
using StreamGen.Kafka.Sink;
using StreamGen.Kafka.Source;

namespace StreamGen.Kafka;

/// <summary>Kafka sources and sinks for the job graph API.</summary>
public static class KafkaJobExtensions
{
    private static readonly ConditionalWeakTable<JobBuilder, KafkaClusterOptions> Clusters = new();

    /// <summary>
    /// Sets the Kafka cluster the job's Kafka sources and sinks use (the hosting layer calls this with the
    /// <c>StreamGen:Kafka</c> configuration). Without it, <c>STREAMGEN_KAFKA_BOOTSTRAP</c> or <c>localhost:9092</c> is used.
    /// </summary>
    public static JobBuilder UseKafka(this JobBuilder job, KafkaClusterOptions cluster)
    {
        Clusters.AddOrUpdate(job, cluster);
        return job;
    }

    /// <summary>The Kafka cluster of <paramref name="job"/>.</summary>
    public static KafkaClusterOptions KafkaCluster(this JobBuilder job)
        => Clusters.GetValue(job, _ => new KafkaClusterOptions
        {
            BootstrapServers = Environment.GetEnvironmentVariable("STREAMGEN_KAFKA_BOOTSTRAP") ?? "localhost:9092",
        });

    /// <summary>Reads <paramref name="topic"/>, deserializing record values with <paramref name="deserializer"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="deserializer">Turns a record value into a <typeparamref name="T"/>.</param>
    /// <param name="configure">Further source settings (more topics, group id, start position, error handling).</param>
    /// <param name="parallelism">Number of source subtasks; partitions are spread over them.</param>
    /// <exception cref="KafkaNativeLibraryException">librdkafka is missing, unloadable or too old (checked here, before the job runs).</exception>
    public static DataStream<T> FromKafka<T>(this JobBuilder job, string topic, IDeserializer<T> deserializer, Action<KafkaSourceOptions>? configure = null, int parallelism = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        KafkaNativeLibrary.EnsureLoaded();
        var options = new KafkaSourceOptions();
        options.Topics.Add(topic);
        configure?.Invoke(options);
        return job.From(new KafkaSource<T>(job.KafkaCluster(), options, deserializer), parallelism).Name($"Kafka source {string.Join(",", options.Topics)}");
    }

    /// <summary>Reads <paramref name="topic"/> as UTF-8 strings.</summary>
    public static DataStream<string> FromKafka(this JobBuilder job, string topic, Action<KafkaSourceOptions>? configure = null, int parallelism = 1)
        => job.FromKafka(topic, KafkaSerializers.Utf8Deserializer, configure, parallelism);

    /// <summary>Writes records to <paramref name="topic"/>.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="serializer">Turns a record into the Kafka record value.</param>
    /// <param name="key">Optional record key (UTF-8); records with equal keys go to the same partition.</param>
    /// <param name="configure">Further sink settings (delivery guarantee, transactional id prefix, timeout).</param>
    /// <exception cref="KafkaNativeLibraryException">librdkafka is missing, unloadable or too old (checked here, before the job runs).</exception>
    public static DataStreamSink ToKafka<T>(this DataStream<T> stream, string topic, ISerializer<T> serializer, Func<T, string?>? key = null, Action<KafkaSinkOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        KafkaNativeLibrary.EnsureLoaded();
        var options = new KafkaSinkOptions { Topic = topic };
        configure?.Invoke(options);
        Func<T, byte[]?>? keyBytes = key is null ? null : r => key(r) is { } k ? Encoding.UTF8.GetBytes(k) : null;
        return stream.To(new KafkaSink<T>(stream.Job.KafkaCluster(), options, serializer, keyBytes)).Name($"Kafka sink {topic}");
    }

    /// <summary>Writes strings to <paramref name="topic"/> as UTF-8.</summary>
    public static DataStreamSink ToKafka(this DataStream<string> stream, string topic, Func<string, string?>? key = null, Action<KafkaSinkOptions>? configure = null)
        => stream.ToKafka(topic, KafkaSerializers.Utf8, key, configure);
}
