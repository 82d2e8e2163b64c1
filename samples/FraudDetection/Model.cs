using System.Text.Json.Serialization;

namespace FraudDetection;

/// <summary>A card transaction, read from Kafka as JSON.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Merchant">Where it happened.</param>
/// <param name="Timestamp">When it happened.</param>
public sealed record Transaction(string AccountId, decimal Amount, string Merchant, DateTimeOffset Timestamp);

/// <summary>A suspicious transaction, written to Kafka as JSON.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Rule">Which rule fired.</param>
/// <param name="Amount">The transaction's amount.</param>
/// <param name="Detail">Why it is suspicious.</param>
public sealed record Alert(string AccountId, string Rule, decimal Amount, string Detail);

/// <summary>Source-generated JSON for both records.</summary>
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(Alert))]
public sealed partial class FraudJson : JsonSerializerContext
{
}
