using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// A sink that only counts, as Flink's DiscardingSink: the scenarios measure the pipeline, not a store.
/// Its writer keeps no state, so it is correct in both checkpointing modes.
/// </summary>
internal sealed class CountingSink<T>(SinkProbe probe, Func<T, long> checksum) : ISink<T>
{
    public ISinkWriter<T> CreateWriter(ConnectorContext context) => new Writer(probe, checksum);

    private sealed class Writer(SinkProbe probe, Func<T, long> checksum) : ISinkWriter<T>
    {
        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<T> records)
        {
            long sum = 0;
            foreach (var record in records)
            {
                sum += checksum(record);
            }

            probe.Add(records.Length, sum);
        }

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
