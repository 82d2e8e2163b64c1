using StreamGen.Serialization;

namespace StreamGen.Connectors;

/// <summary>
/// A two-phase-commit sink over <see cref="CollectedOutput{T}"/>: the records of each checkpoint epoch
/// are prepared as one transaction at the barrier, recorded in the checkpoint, and committed when the
/// checkpoint completes (for a bounded job, the final checkpoint publishes the last epoch). A restore
/// commits the transactions recorded in the restored checkpoint, which covers a crash between the
/// checkpoint's completion and the commit. Transactions of epochs after the restored checkpoint are
/// never committed: exactly-once.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ExactlyOnceCollectingSink<T> : ISink<T>
{
    private readonly CollectedOutput<T> _output;

    /// <summary>Creates the sink.</summary>
    public ExactlyOnceCollectingSink(CollectedOutput<T> output) => _output = output;

    /// <inheritdoc />
    public ISinkWriter<T> CreateWriter(ConnectorContext context) => new Writer(_output, context);

    private sealed class Writer : ISinkWriter<T>
    {
        private readonly CollectedOutput<T> _output;
        private readonly ConnectorContext _context;
        private readonly List<T> _current = new();
        private readonly List<(long Epoch, string TransactionId)> _pending = new();

        // Unique per writer instance (attempt, process, job run), so a replayed epoch never reuses the id
        // of a transaction a failed run prepared, even when checkpoint ids repeat in another storage.
        private readonly string _instance = Guid.NewGuid().ToString("N")[..12];

        public Writer(CollectedOutput<T> output, ConnectorContext context)
        {
            _output = output;
            _context = context;
        }

        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
            var parallelism = _context.Runtime.Parallelism;
            for (var old = 0; old < allSubtaskStates.Count; old++)
            {
                // Each old subtask's pre-committed transactions are finished by exactly one new subtask.
                if (old % parallelism != _context.Runtime.SubtaskIndex)
                {
                    continue;
                }

                var reader = new MessagePackReader(allSubtaskStates[old].Span);
                var count = reader.ReadArrayHeader();
                for (var i = 0; i < count; i++)
                {
                    reader.ReadArrayHeader();
                    reader.ReadInt64();
                    _output.Commit(reader.ReadString()!);
                }
            }
        }

        public void Open()
        {
        }

        public void Write(ReadOnlySpan<T> records) => _current.AddRange(records);

        public void PrepareSnapshot(long checkpointId)
        {
            var runtime = _context.Runtime;
            var transactionId = $"{runtime.OperatorId}/{runtime.SubtaskIndex}/{_instance}/e{checkpointId}";
            _output.Prepare(transactionId, _current.ToArray());
            _current.Clear();
            _pending.Add((checkpointId, transactionId));
        }

        public void SnapshotState(long checkpointId, ref MessagePackWriter writer)
        {
            writer.WriteArrayHeader(_pending.Count);
            foreach (var (epoch, transactionId) in _pending)
            {
                writer.WriteArrayHeader(2);
                writer.Write(epoch);
                writer.Write(transactionId);
            }
        }

        public void OnCheckpointComplete(long checkpointId)
        {
            var committed = 0;
            foreach (var (epoch, transactionId) in _pending)
            {
                if (epoch > checkpointId)
                {
                    break;
                }

                _output.Commit(transactionId);
                committed++;
            }

            _pending.RemoveRange(0, committed);
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
