using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamGen.Kafka.Sink;

internal static class KafkaSinkErrors
{
    public static void OnError(ILogger logger, string client, Error error)
    {
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            KafkaHealth.ReportDown(client, error.Reason);
        }

        if (error.IsFatal)
        {
            logger.LogError("Fatal Kafka producer error in {Client}: {Reason}", client, error.Reason);
        }
        else
        {
            logger.LogWarning("Kafka producer error in {Client} (retrying): {Reason}", client, error.Reason);
        }
    }
}
