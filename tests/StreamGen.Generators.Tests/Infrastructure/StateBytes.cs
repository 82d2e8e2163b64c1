using System.Buffers;
using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>Drives generated state code the way the runtime does: snapshot to bytes, restore through a field map.</summary>
internal static class StateBytes
{
    public static byte[] Snapshot(ICheckpointedOperator op)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        op.SnapshotState(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Restores <paramref name="bytes"/> taken under <paramref name="storedSchema"/> into <paramref name="target"/>.</summary>
    public static TOperator Restore<TOperator>(TOperator target, byte[] bytes, StateSchema storedSchema)
        where TOperator : ICheckpointedOperator
    {
        var map = target.StateSchema.MapFrom(storedSchema, typeof(TOperator).Name + " (uid 'test')");
        var reader = new MessagePackReader(bytes);
        target.RestoreState(ref reader, map);
        Assert.True(reader.End, $"restore left {bytes.Length - reader.Position} bytes unread");
        return target;
    }

    public static byte[] WriteState<TKey, TState>(IKeyedStateAccessor<TKey, TState> accessor, in TState state)
        where TKey : notnull
        where TState : struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        accessor.WriteState(ref writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static TState ReadState<TKey, TState>(IKeyedStateAccessor<TKey, TState> accessor, byte[] bytes, StateSchema storedSchema)
        where TKey : notnull
        where TState : struct
    {
        var map = accessor.StateSchema.MapFrom(storedSchema, "keyed (uid 'test')");
        var reader = new MessagePackReader(bytes);
        var state = accessor.ReadState(ref reader, map);
        Assert.True(reader.End, $"read left {bytes.Length - reader.Position} bytes unread");
        return state;
    }

    public static byte[] WriteKey<TKey, TState>(IKeyedStateAccessor<TKey, TState> accessor, TKey key)
        where TKey : notnull
        where TState : struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        accessor.WriteKey(ref writer, key);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static TKey ReadKey<TKey, TState>(IKeyedStateAccessor<TKey, TState> accessor, byte[] bytes)
        where TKey : notnull
        where TState : struct
    {
        var reader = new MessagePackReader(bytes);
        var key = accessor.ReadKey(ref reader);
        Assert.True(reader.End);
        return key;
    }
}
