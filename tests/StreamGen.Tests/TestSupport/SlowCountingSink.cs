using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Tests.TestSupport;

/// <summary>
/// A sink that takes <paramref name="delayPerRecord"/> per record it writes (a slow external system) and counts what it
/// writes, and what it writes after its attempt was cancelled.
/// </summary>
public sealed class SlowCountingSink<T>(TimeSpan delayPerRecord) : ISink<T>
{
    private long _written;
    private long _writtenAfterCancellation;

    /// <summary>Records written over all attempts.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records of batches whose write began after the writer's attempt had been cancelled.</summary>
    public long WrittenAfterCancellation => Interlocked.Read(ref _writtenAfterCancellation);

    public ISinkWriter<T> CreateWriter(ConnectorContext context) => new Writer(this, context.Cancellation, delayPerRecord);

    private sealed class Writer(SlowCountingSink<T> sink, CancellationToken cancellation, TimeSpan delay) : ISinkWriter<T>
    {
        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<T> records)
        {
            if (cancellation.IsCancellationRequested)
            {
                Interlocked.Add(ref sink._writtenAfterCancellation, records.Length);
            }

            Thread.Sleep(delay * records.Length);
            Interlocked.Add(ref sink._written, records.Length);
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
