using System.Buffers;
using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Execution;

/// <summary>
/// The head of a source task: polls the reader and snapshots its positions at barrier injection. Polls
/// and snapshots run on the task thread, so positions and emitted records are always consistent.
/// </summary>
internal sealed class SourceOperator<T> : ChainedOperator, ITaskInput, ISourceOutput<T>
{
    private readonly ISourceReader<T> _reader;
    private readonly IOutput<T> _output;
    private readonly int _maxRecordsPerPoll;
    private bool _finished;

    public SourceOperator(OperatorRuntimeContext context, ISourceReader<T> reader, IOutput<T> output, int maxRecordsPerPoll)
        : base(context)
    {
        _reader = reader;
        _output = output;
        _maxRecordsPerPoll = maxRecordsPerPoll;
    }

    public override void Restore(SubtaskRestoreState state) => _reader.RestoreState(state.Files);

    public override void Open() => _reader.Open();

    public InputStatus ProcessAvailable()
    {
        if (_finished)
        {
            return InputStatus.EndOfInput;
        }

        switch (_reader.Poll(this, _maxRecordsPerPoll))
        {
            case SourcePollResult.MoreAvailable:
                return InputStatus.MoreAvailable;
            case SourcePollResult.Idle:
                return InputStatus.NothingAvailable;
            default:
                _finished = true;
                return InputStatus.EndOfInput;
        }
    }

    public void AbortAlignment(long checkpointId)
    {
    }

    public void Emit(T record)
    {
        Metrics.RecordsOut++;
        _output.Collect(record);
    }

    public override void SnapshotState(long checkpointId, List<StateSnapshotPart> parts)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        _reader.SnapshotState(checkpointId, ref writer);
        writer.Flush();
        parts.Add(new StateSnapshotPart(Context, StateKinds.Source, string.Empty, null, buffer.WrittenSpan.ToArray()));
    }

    public override void NotifyCheckpointComplete(long checkpointId) => _reader.OnCheckpointComplete(checkpointId);

    public override void Close() => _reader.Close();
}
