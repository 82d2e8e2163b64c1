using System.Text.Json;
using Confluent.Kafka;

namespace FraudDetection;

/// <summary>Reads alerts (read_committed) and dead letters until the planted cases are accounted for.</summary>
internal static class OutcomeReader
{
    public static async Task<(List<Alert> Alerts, int DeadLetters)> WaitAsync(string bootstrap, Topics topics, Planted planted, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "fraud-verifier-" + Guid.NewGuid().ToString("N"),
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe([topics.Alerts, topics.DeadLetters]);
        var alerts = new List<Alert>();
        var deadLetters = 0;
        var deadline = DateTime.UtcNow + timeout;
        var lastPrint = DateTime.MinValue;
        while (DateTime.UtcNow < deadline && (alerts.Count < planted.Fraud.Count || deadLetters < planted.Malformed))
        {
            while (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                if (result.Topic == topics.Alerts)
                {
                    alerts.Add(JsonSerializer.Deserialize(result.Message.Value, FraudJson.Default.Alert)!);
                }
                else
                {
                    deadLetters++;
                }
            }

            if (DateTime.UtcNow - lastPrint > TimeSpan.FromSeconds(2))
            {
                Console.WriteLine($"  alerts so far: {alerts.Count}/{planted.Fraud.Count}, dead letters: {deadLetters}/{planted.Malformed}");
                lastPrint = DateTime.UtcNow;
            }

            await Task.Delay(50);
        }

        // Two more checkpoint intervals: an unexpected or duplicated alert would show up now.
        var settle = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < settle)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                if (result.Topic == topics.Alerts)
                {
                    alerts.Add(JsonSerializer.Deserialize(result.Message.Value, FraudJson.Default.Alert)!);
                }
                else
                {
                    deadLetters++;
                }
            }
        }

        consumer.Close();
        return (alerts, deadLetters);
    }
}
