using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>The keyed contract as the runtime's keyed state table uses it.</summary>
public sealed class KeyedStateTests
{
    private sealed class StateTypeVisitor : IKeyedStateVisitor<string, Type>
    {
        public Type Visit<TState>(IKeyedStateAccessor<string, TState> accessor)
            where TState : struct
            => typeof(TState);
    }

    [Fact]
    public void The_visitor_receives_the_generated_state_struct()
    {
        IKeyedStateful<string> op = new KeyedAllTypesOperator();
        Assert.Equal(typeof(KeyedAllTypesOperator.KeyedState), op.AcceptStateVisitor(new StateTypeVisitor()));
    }

    [Fact]
    public void New_keys_start_from_deep_copies_of_the_values_after_construction()
    {
        var op = new KeyedAllTypesOperator();
        var accessor = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)op;
        var first = accessor.CreateInitialState();

        // Process mutates the live members of whatever key is loaded; the template must not see it.
        accessor.LoadState(first);
        op.Process(5, new NullContext<long>());
        op.Order.Priority = 99;
        accessor.StoreState(out var stored);

        var second = accessor.CreateInitialState();
        Assert.Equal(0, second.Count);
        Assert.Equal(new[] { "seed" }, second.Seen);
        Assert.Equal(7, second.Order.Priority);
        Assert.Equal(1.50m, second.Amount);
        Assert.NotSame(first.Seen, second.Seen);
        Assert.NotSame(first.Order, second.Order);
        Assert.NotSame(first.Buckets, second.Buckets);

        Assert.Equal(5, stored.Count);
        Assert.Contains("5", stored.Seen);
        Assert.Equal(99, stored.Order.Priority);
    }

    [Fact]
    public void Load_and_store_move_values_between_the_struct_and_the_members()
    {
        var op = new KeyedAllTypesOperator();
        var accessor = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)op;
        var state = accessor.CreateInitialState();
        state.Count = 41;
        state.Last = "last";
        accessor.LoadState(state);
        Assert.Equal(41, op.Count);
        Assert.Equal("last", op.Last);
        Assert.Same(state.Seen, op.Seen);

        op.Count++;
        accessor.StoreState(out var after);
        Assert.Equal(42, after.Count);
        Assert.Same(op.Seen, after.Seen);
    }

    [Fact]
    public void Deep_copy_shares_no_mutable_object()
    {
        var op = new KeyedAllTypesOperator();
        var accessor = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)op;
        Assert.True(accessor.StateNeedsDeepCopy);

        var state = accessor.CreateInitialState();
        state.Buckets["a"] = [1, 2];
        state.Person = new Person("p", 1, [new Address("s", 1)]) { Scores = new() { ["x"] = 1 } };
        state.Order.Lines.Add("line");
        state.Order.Parent = new Order { Lines = ["parent"] };
        state.Order.Tags["k"] = [1];
        state.Pending = new Queue<Guid>([Guid.NewGuid()]);

        var copy = accessor.DeepCopyState(state);
        copy.Seen.Add("new");
        copy.Buckets["a"].Add(3);
        copy.Person!.Addresses.Add(new Address("t", 2));
        copy.Person.Scores["x"] = 2;
        copy.Order.Lines.Add("copy");
        copy.Order.Parent!.Lines.Add("copy");
        copy.Order.Tags["k"].Add(2);
        copy.Pending!.Enqueue(Guid.Empty);

        Assert.DoesNotContain("new", state.Seen);
        Assert.Equal(new[] { 1, 2 }, state.Buckets["a"]);
        Assert.Single(state.Person.Addresses);
        Assert.Equal(1, state.Person.Scores["x"]);
        Assert.Equal(new[] { "line" }, state.Order.Lines);
        Assert.Equal(new[] { "parent" }, state.Order.Parent.Lines);
        Assert.Equal(new[] { 1 }, state.Order.Tags["k"]);
        Assert.Single(state.Pending);
    }

    [Fact]
    public void Immutable_state_needs_no_deep_copy()
    {
        var accessor = (IKeyedStateAccessor<(string Region, int Shard), TupleKeyedOperator.KeyedState>)new TupleKeyedOperator();
        Assert.False(accessor.StateNeedsDeepCopy);
        var state = accessor.CreateInitialState();
        Assert.Equal(10, state.Total);
        Assert.Equal("EUR", state.Balance.Currency);
    }

    [Fact]
    public void State_round_trips_through_write_and_read()
    {
        var op = new KeyedAllTypesOperator();
        var accessor = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)op;
        var state = accessor.CreateInitialState();
        state.Count = long.MinValue;
        state.Last = null;
        state.Buckets["k"] = [int.MaxValue];
        state.Person = new Person("n", 2, []) { Nickname = null };
        state.Pair = (-1, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(-3)));
        state.Amount = decimal.MinValue;
        state.Pending = null;

        var bytes = StateBytes.WriteState(accessor, state);
        var read = StateBytes.ReadState(accessor, bytes, accessor.StateSchema);
        Assert.Equal(long.MinValue, read.Count);
        Assert.Null(read.Last);
        Assert.Equal(new[] { int.MaxValue }, read.Buckets["k"]);
        Assert.Equal("n", read.Person!.Name);
        Assert.Equal(state.Pair, read.Pair);
        Assert.Equal(decimal.MinValue, read.Amount);
        Assert.Null(read.Pending);
        Assert.Equal(bytes, StateBytes.WriteState(accessor, read));
    }

    [Fact]
    public void Keys_round_trip_with_the_same_serializers()
    {
        var stringKeyed = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)new KeyedAllTypesOperator();
        foreach (var key in new[] { "", "k", "ключ 🔑", new string('k', 300) })
        {
            Assert.Equal(key, StateBytes.ReadKey(stringKeyed, StateBytes.WriteKey(stringKeyed, key)));
        }

        var tupleKeyed = (IKeyedStateAccessor<(string Region, int Shard), TupleKeyedOperator.KeyedState>)new TupleKeyedOperator();
        Assert.Equal(("eu", -7), StateBytes.ReadKey(tupleKeyed, StateBytes.WriteKey(tupleKeyed, ("eu", -7))));

        var recordKeyed = (IKeyedStateAccessor<Address, RecordKeyedOperator.KeyedState>)new RecordKeyedOperator();
        Assert.Equal(new Address("x", null), StateBytes.ReadKey(recordKeyed, StateBytes.WriteKey(recordKeyed, new Address("x", null))));

        var guidKeyed = (IKeyedStateAccessor<Guid, StatelessKeyedOperator.KeyedState>)new StatelessKeyedOperator();
        var guid = Guid.NewGuid();
        Assert.Equal(guid, StateBytes.ReadKey(guidKeyed, StateBytes.WriteKey(guidKeyed, guid)));
        Assert.Empty(guidKeyed.StateSchema.Fields);
        Assert.Equal(new byte[] { 0x90 }, StateBytes.WriteState(guidKeyed, guidKeyed.CreateInitialState()));
    }
}
