using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>State written by one version of an operator restored by the next, as between two runs of a job.</summary>
public sealed class EvolutionTests
{
    [Fact]
    public void Added_members_keep_their_initializer_and_removed_members_are_skipped()
    {
        var v1 = new CounterV1 { Count = 5, Name = "x", Removed = [9] };
        ICheckpointedOperator stored = v1;
        var bytes = StateBytes.Snapshot(v1);

        var v2 = StateBytes.Restore(new CounterV2(), bytes, stored.StateSchema);
        Assert.Equal(5, v2.Count);
        Assert.Equal("x", v2.Name);
        Assert.Equal(42, v2.Added);
        Assert.Equal(new[] { "default" }, v2.Tags);
    }

    [Fact]
    public void A_changed_member_type_names_operator_member_and_both_types()
    {
        ICheckpointedOperator v1 = new CounterV1();
        ICheckpointedOperator v3 = new CounterV3();

        var error = Assert.Throws<StateSchemaMismatchException>(() => v3.StateSchema.MapFrom(v1.StateSchema, "CounterV3 (uid 'counter')"));
        Assert.Equal("Count", error.FieldName);
        Assert.Equal("long", error.StoredType);
        Assert.Equal("string", error.CurrentType);
        Assert.Equal("CounterV3 (uid 'counter')", error.OperatorDescription);
        Assert.Contains("CounterV3 (uid 'counter')", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Count'", error.Message, StringComparison.Ordinal);
        Assert.Contains("long", error.Message, StringComparison.Ordinal);
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyed_state_gains_added_members_from_the_template()
    {
        var v1 = (IKeyedStateAccessor<string, KeyedCounterV1.KeyedState>)new KeyedCounterV1();
        var state = v1.CreateInitialState();
        state.Count = 3;
        state.Removed.Add(1);
        var bytes = StateBytes.WriteState(v1, state);

        var v2 = (IKeyedStateAccessor<string, KeyedCounterV2.KeyedState>)new KeyedCounterV2();
        v2.CreateInitialState();
        var first = StateBytes.ReadState(v2, bytes, v1.StateSchema);
        var second = StateBytes.ReadState(v2, bytes, v1.StateSchema);
        Assert.Equal(3, first.Count);
        Assert.Equal(new[] { "fresh" }, first.Added);
        Assert.NotSame(first.Added, second.Added);
    }

    [Fact]
    public void Members_of_user_types_evolve_by_name()
    {
        var v1 = new ProfileOperatorV1 { Profile = new ProfileV1 { Name = "ada", Visits = 3 } };
        var bytes = StateBytes.Snapshot(v1);

        // The state name is the same; only the user type changed shape (the schema records the declared type
        // name, which a real edit keeps, so the map is the identity here).
        ICheckpointedOperator v2 = new ProfileOperatorV2();
        var reader = new MessagePackReader(bytes);
        v2.RestoreState(ref reader, [0]);
        var profile = ((ProfileOperatorV2)v2).Profile;
        Assert.Equal("ada", profile.Name);
        Assert.Equal("unknown", profile.Country);
        Assert.True(reader.End);
    }

    [Fact]
    public void Extra_stored_elements_beyond_the_map_are_skipped()
    {
        ICheckpointedOperator op = new CounterV2();
        var bytes = StateBytes.Snapshot(new CounterV1 { Count = 8 });
        var reader = new MessagePackReader(bytes);
        op.RestoreState(ref reader, [0]);
        Assert.Equal(8, ((CounterV2)op).Count);
        Assert.True(reader.End);
    }

    [Fact]
    public void Fingerprints_identify_the_layout()
    {
        ICheckpointedOperator a = new CounterV1();
        ICheckpointedOperator b = new CounterV1();
        ICheckpointedOperator c = new CounterV2();
        Assert.Equal(a.StateSchema.Fingerprint, b.StateSchema.Fingerprint);
        Assert.NotEqual(a.StateSchema.Fingerprint, c.StateSchema.Fingerprint);
    }
}
