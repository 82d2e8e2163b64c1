using System.Globalization;
using StreamGen;

namespace FraudDetection;

/// <summary>
/// Per-account rules over keyed state: an amount far above the account's average, a burst of transactions
/// in a short time, or a small "test" charge followed by a large one. Every field below is one value per
/// account, checkpointed by generated code, including the collections.
/// </summary>
[StreamOperator]
public sealed partial class FraudDetector : KeyedProcessor<string, Transaction, Alert>
{
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(1);
    private const int BurstSize = 5;

    [State] private long _count;
    [State] private decimal _total;
    [State] private Queue<DateTimeOffset> _recent = new();
    [State] private decimal? _lastSmallCharge;
    [State] private HashSet<string> _merchants = new();

    /// <inheritdoc />
    public override void Process(Transaction tx, Context<Alert> context)
    {
        if (_count >= 5 && tx.Amount > 10 * (_total / _count))
        {
            context.Emit(new Alert(tx.AccountId, "amount-outlier", tx.Amount,
                string.Create(CultureInfo.InvariantCulture, $"{tx.Amount} is more than 10x the average {_total / _count:F2}")));
        }

        while (_recent.Count > 0 && tx.Timestamp - _recent.Peek() > BurstWindow)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(tx.Timestamp);
        if (_recent.Count == BurstSize)
        {
            context.Emit(new Alert(tx.AccountId, "burst", tx.Amount, $"{BurstSize} transactions within {BurstWindow.TotalSeconds:0} s"));
        }

        if (_lastSmallCharge is not null && tx.Amount >= 300 && !_merchants.Contains(tx.Merchant))
        {
            context.Emit(new Alert(tx.AccountId, "test-then-large", tx.Amount, $"small charge of {_lastSmallCharge} then {tx.Amount} at new merchant {tx.Merchant}"));
        }

        _lastSmallCharge = tx.Amount < 2 ? tx.Amount : null;
        _merchants.Add(tx.Merchant);
        _count++;
        _total += tx.Amount;
    }
}
