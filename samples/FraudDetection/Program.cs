using System.Globalization;
using FraudDetection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamGen.Kafka.Embedded;
using StreamGen.Kafka.Native;

// Runs the fraud-detection job on the generic host against the embedded Kafka broker (or a real one named by
// StreamGen__Kafka__BootstrapServers), feeds it generated card transactions with planted fraud and malformed
// records, and checks that exactly the planted cases raise alerts and every malformed record is dead-lettered.
// The sample's own producer, admin client and consumer must run on the librdkafka StreamGen's job uses.
KafkaNativeLibrary.EnsureLoaded();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
using var embedded = string.IsNullOrEmpty(builder.Configuration["StreamGen:Kafka:BootstrapServers"]) ? EmbeddedKafkaCluster.Start() : null;
var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["StreamGen:Kafka:BootstrapServers"] = embedded?.BootstrapServers ?? builder.Configuration["StreamGen:Kafka:BootstrapServers"],
    ["StreamGen:Checkpointing:StoragePath"] = Path.Combine(Path.GetTempPath(), $"streamgen-fraud-{runId}"),
});
var bootstrap = builder.Configuration["StreamGen:Kafka:BootstrapServers"]!;
var topics = new Topics(
    $"{builder.Configuration["Fraud:TransactionsTopic"]}-{runId}",
    $"{builder.Configuration["Fraud:AlertsTopic"]}-{runId}",
    $"{builder.Configuration["Fraud:DeadLetterTopic"]}-{runId}");
Console.WriteLine($"==> Kafka at {bootstrap} ({(embedded is null ? "external" : "embedded broker")})");
await topics.CreateAsync(embedded, bootstrap);

builder.Services.AddStreamGen(builder.Configuration, job => FraudJob.Define(job, topics.Transactions, topics.Alerts, topics.DeadLetters));
using var host = builder.Build();
await host.StartAsync();

var planted = TransactionGenerator.Produce(bootstrap, topics.Transactions);
Console.WriteLine($"==> Produced {planted.Transactions:N0} transactions for {planted.Accounts} accounts, with {planted.Fraud.Count} planted fraud cases and {planted.Malformed} malformed records");

var outcome = await OutcomeReader.WaitAsync(bootstrap, topics, planted, TimeSpan.FromMinutes(3));
await host.StopAsync();

Console.WriteLine();
foreach (var rule in outcome.Alerts.GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {rule.Key,-16} {rule.Count(),4} alerts, e.g. {rule.First().AccountId}: {rule.First().Detail}");
}

var raised = outcome.Alerts.Select(a => (a.AccountId, a.Rule)).ToList();
var missing = planted.Fraud.Except(raised).ToList();
var unexpected = raised.Except(planted.Fraud).ToList();
var duplicates = raised.Count - raised.Distinct().Count();
Console.WriteLine($"  dead-lettered    {outcome.DeadLetters,4} malformed records (expected {planted.Malformed})");
Console.WriteLine();
if (missing.Count == 0 && unexpected.Count == 0 && duplicates == 0 && outcome.DeadLetters == planted.Malformed)
{
    Console.WriteLine($"OK: every planted fraud case raised exactly one alert, nothing else did, and all {planted.Malformed} malformed records went to '{topics.DeadLetters}'.");
    return 0;
}

Console.WriteLine($"MISMATCH: {missing.Count} planted cases without an alert, {unexpected.Count} unexpected alerts, {duplicates} duplicates, {outcome.DeadLetters}/{planted.Malformed} dead letters.");
return 1;
