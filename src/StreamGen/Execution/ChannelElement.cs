using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>
/// One queue entry of an <see cref="InputChannel{T}"/>: a pooled batch of records, a checkpoint barrier
/// or end-of-input. Control events share the queue with records so their order relative to the records
/// (the basis of a consistent cut) is kept.
/// </summary>
internal readonly struct ChannelElement<T>
{
    private ChannelElement(StreamElementKind kind, T[]? records, int count, CheckpointBarrier? barrier)
    {
        Kind = kind;
        Records = records;
        Count = count;
        Barrier = barrier;
    }

    public StreamElementKind Kind { get; }

    /// <summary>Rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>; the consumer returns it.</summary>
    public T[]? Records { get; }

    public int Count { get; }

    public CheckpointBarrier? Barrier { get; }

    public static ChannelElement<T> ForRecords(T[] records, int count) => new(StreamElementKind.Records, records, count, null);

    public static ChannelElement<T> ForBarrier(CheckpointBarrier barrier) => new(StreamElementKind.Barrier, null, 0, barrier);

    public static ChannelElement<T> EndOfInput() => new(StreamElementKind.EndOfInput, null, 0, null);
}
