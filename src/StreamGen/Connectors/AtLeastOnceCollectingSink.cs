using StreamGen.Serialization;

namespace StreamGen.Connectors;

/// <summary>
/// Appends every record to <see cref="CollectedOutput{T}"/> as soon as it is written. After a failover
/// the records since the restored checkpoint are written again: at-least-once.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class AtLeastOnceCollectingSink<T> : ISink<T>
{
    private readonly CollectedOutput<T> _output;

    /// <summary>Creates the sink.</summary>
    public AtLeastOnceCollectingSink(CollectedOutput<T> output) => _output = output;

    /// <inheritdoc />
    public ISinkWriter<T> CreateWriter(ConnectorContext context) => new Writer(_output);

    private sealed class Writer(CollectedOutput<T> output) : ISinkWriter<T>
    {
        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<T> records) => output.Append(records);

        public void PrepareSnapshot(long checkpointId)
        {
        }

        public void SnapshotState(long checkpointId, ref MessagePackWriter writer) => writer.WriteNil();

        public void OnCheckpointComplete(long checkpointId)
        {
        }

        public void OnCheckpointAborted(long checkpointId)
        {
        }

        public void EndInput()
        {
        }

        public void Close()
        {
        }
    }
}
