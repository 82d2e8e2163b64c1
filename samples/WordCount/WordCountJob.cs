using StreamGen;
using StreamGen.Graph;
using StreamGen.Kafka;
using StreamGen.Kafka.Serialization;

namespace WordCount;

/// <summary>The job: lines from Kafka → words → running count per word → Kafka.</summary>
public static class WordCountJob
{
    /// <summary>Adds the job's operators to <paramref name="job"/>.</summary>
    public static void Define(JobBuilder job, string inputTopic, string outputTopic) => job
        .FromKafka(inputTopic, parallelism: 2).Uid("lines")
        .FlatMap<string>(SplitWords).Uid("split")
        .KeyBy(word => word)
        .Process(() => new RunningCount()).Uid("count").Parallelism(2)
        .ToKafka(outputTopic, KafkaSerializers.Json(WordCountJson.Default.WordCount), key: c => c.Word).Uid("counts");

    private static void SplitWords(string line, Context<string> output)
    {
        foreach (var range in line.AsSpan().Split(' '))
        {
            var word = line.AsSpan()[range].Trim();
            if (!word.IsEmpty)
            {
                output.Emit(word.ToString().ToLowerInvariant());
            }
        }
    }
}
