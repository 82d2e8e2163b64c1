using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>
/// Data behind private setters, private fields under computed getters, get-only arrays and private auto-properties
/// survives snapshot → restore (through generated <c>[UnsafeAccessor]</c> methods) instead of being written as an
/// empty map; what still cannot be reached is reported at compile time (SG0100).
/// </summary>
public sealed class HiddenMemberTests
{
    [Fact]
    public void Private_setters_computed_getters_get_only_arrays_and_private_fields_round_trip()
    {
        var source = new HiddenMembersOperator();
        source.Account.Deposit(12.34m);
        source.Ledger.Post(-7.5m);
        source.Histogram = new Histogram(8).WithLabel("latency");
        source.Histogram.Add(1);
        source.Histogram.Add(1);
        source.Histogram.Add(3);
        source.Meter.Tick();
        source.Meter.Tick();
        source.Meter.Name = "requests";
        source.Meter.UseUnit("ms");
        source.Cursor.Advance(17);
        source.Cursor.Secret = "hidden";
        source.Cached.Value = 5;
        source.Cached.Fill();

        var bytes = StateBytes.Snapshot(source);
        var restored = StateBytes.Restore(new HiddenMembersOperator(), bytes, ((ICheckpointedOperator)source).StateSchema);

        Assert.Equal(12.34m, restored.Account.Balance);
        Assert.Equal(-7.5m, restored.Ledger.Balance);
        Assert.Equal(new[] { 0, 2, 0, 1 }, restored.Histogram.Buckets);
        Assert.Equal(8, restored.Histogram.Capacity);
        Assert.Equal("latency", restored.Histogram.Label);
        Assert.Equal(3, restored.Histogram.SampleCount);
        Assert.Equal(2, restored.Meter.Ticks);
        Assert.Equal("requests", restored.Meter.Name);
        Assert.Equal("ms", restored.Meter.Unit);
        Assert.Equal(17, restored.Cursor.Position);
        Assert.Equal("hidden", restored.Cursor.Reveal());
        Assert.Equal(5, restored.Cached.Value);
        Assert.Null(restored.Cached.Cache);

        // The restored operator writes the very same bytes.
        Assert.Equal(bytes, StateBytes.Snapshot(restored));
    }

    [Fact]
    public void Private_members_are_stored_by_name_and_transient_ones_are_not()
    {
        var source = new HiddenMembersOperator();
        source.Ledger.Post(1m);
        source.Cached.Fill();
        var state = NodeDecoder.Decode(StateBytes.Snapshot(source));

        // Operator state is an array of [State] values in schema order: Account, Ledger, Histogram, Meter, Cursor, Cached.
        Assert.Equal(["Balance"], Keys(state[0]));
        Assert.Equal(["_balance"], Keys(state[1]));
        Assert.Equal(["Buckets", "Label", "Samples", "_capacity"], Keys(state[2]).Order(StringComparer.Ordinal));
        Assert.Equal(["Name", "_ticks", "_unit"], Keys(state[3]).Order(StringComparer.Ordinal));
        Assert.Equal(["Secret", "_position"], Keys(state[4]).Order(StringComparer.Ordinal));
        Assert.Equal(["Value"], Keys(state[5]));
    }

    private static IEnumerable<string> Keys(System.Text.Json.JsonElement map) => map.EnumerateObject().Select(p => p.Name);

    [Fact]
    public void Keyed_deep_copies_carry_private_data_and_do_not_share_it()
    {
        var op = new KeyedHiddenMembersOperator();
        var accessor = (IKeyedStateAccessor<string, KeyedHiddenMembersOperator.KeyedState>)op;
        accessor.LoadState(accessor.CreateInitialState());
        op.Process(6, new NullContext<int>());
        accessor.StoreState(out var live);

        var copy = accessor.DeepCopyState(live);
        Assert.NotSame(live.Account, copy.Account);
        Assert.NotSame(live.Histogram.Buckets, copy.Histogram.Buckets);
        Assert.Equal(6m, copy.Account.Balance);
        Assert.Equal(new[] { 0, 0, 1, 0 }, copy.Histogram.Buckets);
        Assert.Equal(1, copy.Histogram.SampleCount);
        Assert.Equal(6, copy.Cursor.Position);

        // Changing the live value after the copy leaves the copy (what a snapshot writes) as it was.
        live.Account.Deposit(1m);
        live.Histogram.Add(2);
        Assert.Equal(6m, copy.Account.Balance);
        Assert.Equal(1, copy.Histogram.Buckets[2]);

        var bytes = StateBytes.WriteState(accessor, copy);
        var read = StateBytes.ReadState(accessor, bytes, accessor.StateSchema);
        Assert.Equal(6m, read.Account.Balance);
        Assert.Equal(new[] { 0, 0, 1, 0 }, read.Histogram.Buckets);
        Assert.Equal(6, read.Cursor.Position);
    }
}
