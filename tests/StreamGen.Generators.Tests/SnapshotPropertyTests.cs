using StreamGen.Generators.Tests.Infrastructure;
using StreamGen.Generators.Tests.Operators;
using StreamGen.State;

namespace StreamGen.Generators.Tests;

/// <summary>Property: for random state, snapshot → restore → snapshot gives byte-identical output.</summary>
public sealed class SnapshotPropertyTests
{
    private const int Iterations = 300;

    [Fact]
    public void Operator_state_snapshot_restore_snapshot_is_byte_identical()
    {
        for (var seed = 0; seed < Iterations; seed++)
        {
            var op = new AllTypesOperator();
            new RandomState(seed).Fill(op);
            var first = StateBytes.Snapshot(op);
            var restored = StateBytes.Restore(new AllTypesOperator(), first, ((ICheckpointedOperator)op).StateSchema);
            var second = StateBytes.Snapshot(restored);
            Assert.True(first.AsSpan().SequenceEqual(second), $"seed {seed}: snapshots differ");
        }
    }

    [Fact]
    public void Keyed_state_write_read_write_is_byte_identical_and_deep_copies_write_the_same()
    {
        var accessor = (IKeyedStateAccessor<string, KeyedAllTypesOperator.KeyedState>)new KeyedAllTypesOperator();
        for (var seed = 0; seed < Iterations; seed++)
        {
            var random = new RandomState(seed);
            var state = accessor.CreateInitialState();
            random.Fill(ref state);
            var first = StateBytes.WriteState(accessor, state);
            var read = StateBytes.ReadState(accessor, first, accessor.StateSchema);
            Assert.True(first.AsSpan().SequenceEqual(StateBytes.WriteState(accessor, read)), $"seed {seed}: state bytes differ");
            Assert.True(first.AsSpan().SequenceEqual(StateBytes.WriteState(accessor, accessor.DeepCopyState(state))), $"seed {seed}: deep copy differs");

            var key = random.String();
            Assert.Equal(key, StateBytes.ReadKey(accessor, StateBytes.WriteKey(accessor, key)));
        }
    }
}
