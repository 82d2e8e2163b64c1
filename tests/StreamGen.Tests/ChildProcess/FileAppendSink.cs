using StreamGen.Connectors;
using StreamGen.Serialization;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.ChildProcess;

/// <summary>An at-least-once sink appending "key,count" lines to a file; the file outlives a killed process.</summary>
public sealed class FileAppendSink(string path) : ISink<KeyCount>
{
    private static readonly object FileLock = new();

    public ISinkWriter<KeyCount> CreateWriter(ConnectorContext context) => new Writer(path);

    private sealed class Writer(string path) : ISinkWriter<KeyCount>
    {
        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<KeyCount> records)
        {
            var lines = new List<string>(records.Length);
            foreach (var record in records)
            {
                lines.Add($"{record.Key},{record.Count}");
            }

            lock (FileLock)
            {
                File.AppendAllLines(path, lines);
            }
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
