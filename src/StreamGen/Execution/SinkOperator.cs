using System.Buffers;
using System.Runtime.CompilerServices;
using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Execution;

/// <summary>Buffers records into batches for an <see cref="ISinkWriter{T}"/> and drives its two-phase-commit hooks.</summary>
internal sealed class SinkOperator<T> : ChainedOperator<T>
{
    private readonly ISinkWriter<T> _writer;
    private readonly T[] _buffer;
    private int _count;

    public SinkOperator(OperatorRuntimeContext context, ISinkWriter<T> writer, int batchSize)
        : base(context)
    {
        _writer = writer;
        _buffer = new T[batchSize];
    }

    public override void Restore(SubtaskRestoreState state) => _writer.RestoreState(state.Files);

    public override void Open() => _writer.Open();

    public override void Collect(T record)
    {
        Metrics.RecordsIn++;
        _buffer[_count++] = record;
        if (_count == _buffer.Length)
        {
            Flush();
        }
    }

    public override void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        _writer.Write(new ReadOnlySpan<T>(_buffer, 0, _count));
        Metrics.RecordsOut += _count;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_buffer, 0, _count);
        }

        _count = 0;
    }

    public override void PrepareSnapshot(long checkpointId)
    {
        Flush();
        _writer.PrepareSnapshot(checkpointId);
    }

    public override void SnapshotState(long checkpointId, List<StateSnapshotPart> parts)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        _writer.SnapshotState(checkpointId, ref writer);
        writer.Flush();
        parts.Add(new StateSnapshotPart(Context, StateKinds.Sink, string.Empty, null, buffer.WrittenSpan.ToArray()));
    }

    public override void NotifyCheckpointComplete(long checkpointId) => _writer.OnCheckpointComplete(checkpointId);

    public override void NotifyCheckpointAborted(long checkpointId) => _writer.OnCheckpointAborted(checkpointId);

    public override void EndInput()
    {
        Flush();
        _writer.EndInput();
    }

    public override void Close() => _writer.Close();
}
