using System.Collections.Generic;
using StreamGen;

namespace Bank;

// Data behind members generated code cannot name, reached through generated [UnsafeAccessor] methods.
public sealed class Account
{
    private readonly List<string> _history = new();

    public decimal Balance { get; private set; }

    public int[] Limits { get; } = new int[2];

    public IReadOnlyList<string> History => _history;
}

public struct Position
{
    private long _offset;

    public long Offset => _offset;
}

[StreamOperator]
public partial class Accounts : KeyedProcessor<string, decimal, decimal>
{
    [State] private Account _account = new();
    [State] private Position _position;

    public override void Process(decimal amount, Context<decimal> context) => context.Emit(_account.Balance + amount + _position.Offset);
}
