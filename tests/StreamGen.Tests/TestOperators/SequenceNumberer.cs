using StreamGen.Serialization;
using StreamGen.State;

namespace StreamGen.Tests.TestOperators;

/// <summary>
/// A non-keyed operator with operator state (<c>[State] private long _sequence;</c>), contract written
/// by hand as the generator would: numbers the records its subtask sees, 1, 2, 3, ...
/// </summary>
public sealed class SequenceNumberer : Processor<int, (int Subtask, long Sequence)>, ICheckpointedOperator
{
    private static readonly StateSchema Schema = new("StreamGen.Tests.TestOperators.SequenceNumberer", [new StateField("_sequence", "long")]);

    private long _sequence;
    private int _subtask;

    public StateSchema StateSchema => Schema;

    public override void Open(OperatorRuntimeContext context) => _subtask = context.SubtaskIndex;

    public override void Process(int value, Context<(int Subtask, long Sequence)> context)
    {
        _sequence++;
        context.Emit((_subtask, _sequence));
    }

    public void SnapshotState(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.Write(_sequence);
    }

    public void RestoreState(ref MessagePackReader reader, ReadOnlySpan<int> fieldMap)
    {
        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            if (i < fieldMap.Length && fieldMap[i] == 0)
            {
                _sequence = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
