// Keyed state made of nested user records, a transient cache rebuilt in Open, readonly configuration.
using StreamGen;

namespace Corpus.Orders;

public enum OrderStatus { Placed, Paid, Shipped, Cancelled }

public sealed record Money(decimal Amount, string Currency);

public sealed record OrderLine(string Sku, int Quantity, Money Price);

public sealed record Order(Guid Id, string Customer, DateTimeOffset PlacedAt, List<OrderLine> Lines, OrderStatus Status)
{
    public string? Note { get; init; }

    public decimal Total => Lines.Sum(l => l.Price.Amount * l.Quantity);
}

public sealed class CustomerSummary
{
    public int Orders { get; set; }
    public decimal Spent { get; set; }
    public Dictionary<OrderStatus, int> ByStatus { get; set; } = new();
    public DateTimeOffset? LastOrder { get; set; }
    public Queue<Guid> Recent { get; set; } = new();
}

public sealed record CustomerReport(string Customer, int Orders, decimal Spent);

[StreamOperator]
public sealed partial class CustomerTotals : KeyedProcessor<string, Order, CustomerReport>
{
    private readonly int _recentLimit;
    private readonly Dictionary<string, decimal> _exchangeRates = new(StringComparer.Ordinal);

    [State] private CustomerSummary _summary = new();
    [State("orders-by-id")] private Dictionary<Guid, Order> _open = new();
    [State] private (DateTime Day, int Count) _today;
    [State] private Order? _largest;

    [Transient] private HttpClient? _ratesClient;
    [Transient] private Dictionary<string, string> _customerNames = new();

    public CustomerTotals()
        : this(recentLimit: 10)
    {
    }

    public CustomerTotals(int recentLimit)
    {
        _recentLimit = recentLimit;
        _exchangeRates["EUR"] = 1m;
    }

    public override void Open(OperatorRuntimeContext context)
    {
        _ratesClient = new HttpClient();
        _customerNames.Clear();
    }

    public override void Close()
    {
        _ratesClient?.Dispose();
        _ratesClient = null;
    }

    public override void Process(Order order, Context<CustomerReport> context)
    {
        _summary.Orders++;
        _summary.Spent += order.Total;
        _summary.ByStatus[order.Status] = _summary.ByStatus.GetValueOrDefault(order.Status) + 1;
        _summary.LastOrder = order.PlacedAt;
        _summary.Recent.Enqueue(order.Id);
        while (_summary.Recent.Count > _recentLimit)
        {
            _summary.Recent.Dequeue();
        }

        if (order.Status is OrderStatus.Placed or OrderStatus.Paid)
        {
            _open[order.Id] = order;
        }
        else
        {
            _open.Remove(order.Id);
        }

        var day = order.PlacedAt.UtcDateTime.Date;
        _today = _today.Day == day ? (day, _today.Count + 1) : (day, 1);
        if (_largest is null || order.Total > _largest.Total)
        {
            _largest = order;
        }

        context.Emit(new CustomerReport(CurrentKey, _summary.Orders, _summary.Spent));
    }
}
