using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Tests.TestSupport;

/// <summary>A sink that stalls its task at the barrier of chosen checkpoints, so they time out.</summary>
public sealed class SlowBarrierSink<T>(Func<long, bool> stallAt, TimeSpan stall) : ISink<T>
{
    public ISinkWriter<T> CreateWriter(ConnectorContext context) => new Writer(stallAt, stall);

    private sealed class Writer(Func<long, bool> stallAt, TimeSpan stall) : ISinkWriter<T>
    {
        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<T> records)
        {
        }

        public void PrepareSnapshot(long checkpointId)
        {
            if (stallAt(checkpointId))
            {
                Thread.Sleep(stall);
            }
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
