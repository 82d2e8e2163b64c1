using StreamGen.Graph;
using StreamGen.Kafka;
using StreamGen.Kafka.Serialization;

namespace FraudDetection;

/// <summary>Transactions (JSON) → per-account fraud rules → alerts (JSON); malformed records go to a dead-letter topic.</summary>
public static class FraudJob
{
    /// <summary>Adds the job's operators to <paramref name="job"/>.</summary>
    public static void Define(JobBuilder job, string transactions, string alerts, string deadLetters) => job
        .FromKafka(transactions, KafkaSerializers.Json(FraudJson.Default.Transaction), o =>
        {
            o.OnDeserializationError = DeserializationErrorHandling.DeadLetter;
            o.DeadLetterTopic = deadLetters;
        }, parallelism: 2).Uid("transactions")
        .KeyBy(tx => tx.AccountId)
        .Process(() => new FraudDetector()).Uid("fraud-detector").Parallelism(2)
        .ToKafka(alerts, KafkaSerializers.Json(FraudJson.Default.Alert), key: a => a.AccountId).Uid("alerts");
}
