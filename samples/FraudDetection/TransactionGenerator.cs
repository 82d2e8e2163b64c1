using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;

namespace FraudDetection;

/// <summary>What the generator planted, to check the job's output against.</summary>
internal sealed record Planted(int Transactions, int Accounts, List<(string AccountId, string Rule)> Fraud, int Malformed);

/// <summary>
/// Ordinary card traffic (amounts 20–60 at a handful of merchants, minutes apart) with three planted fraud
/// patterns and some malformed records. Keyed by account, so each account's transactions stay in order.
/// </summary>
internal static class TransactionGenerator
{
    public static Planted Produce(string bootstrap, string topic, int accounts = 400, int perAccount = 40)
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var fraud = new List<(string, string)>();
        var count = 0;
        var malformed = 0;
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, LingerMs = 20 }).Build();

        void Send(Transaction tx)
        {
            producer.Produce(topic, new Message<string, string> { Key = tx.AccountId, Value = JsonSerializer.Serialize(tx, FraudJson.Default.Transaction) });
            count++;
        }

        for (var a = 0; a < accounts; a++)
        {
            var account = "acct-" + a.ToString("D4", CultureInfo.InvariantCulture);
            var merchants = Enumerable.Range(0, 5).Select(m => $"shop-{random.Next(1000)}").ToArray();
            var time = start.AddMinutes(random.Next(60));
            for (var i = 0; i < perAccount; i++)
            {
                time = time.AddMinutes(10 + random.Next(120));
                Send(new Transaction(account, 20 + random.Next(4000) / 100m, merchants[random.Next(merchants.Length)], time));
            }

            switch (a % 40)
            {
                case 0:
                    Send(new Transaction(account, 5000m, merchants[0], time.AddMinutes(30)));
                    fraud.Add((account, "amount-outlier"));
                    break;
                case 1:
                    for (var b = 0; b < 6; b++)
                    {
                        Send(new Transaction(account, 25m, merchants[1], time.AddMinutes(30).AddSeconds(5 * b)));
                    }

                    fraud.Add((account, "burst"));
                    break;
                case 2:
                    Send(new Transaction(account, 1.00m, "shop-test", time.AddMinutes(30)));
                    Send(new Transaction(account, 320m, "shop-new-" + a.ToString(CultureInfo.InvariantCulture), time.AddMinutes(40)));
                    fraud.Add((account, "test-then-large"));
                    break;
                case 3:
                    producer.Produce(topic, new Message<string, string> { Key = account, Value = "{\"accountId\": \"" + account + "\", \"amount\": \"not a number\"" });
                    malformed++;
                    break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(60));
        return new Planted(count, accounts, fraud, malformed);
    }
}
