namespace StreamGen.Tests.GeneratedOperators;

/// <summary>A non-keyed operator whose operator state is generated: numbers the records of its subtask.</summary>
[StreamOperator]
public sealed partial class GeneratedSequenceNumberer : Processor<int, (int Subtask, long Sequence)>
{
    [State] private long _sequence;
    [Transient] private int _subtask;

    public override void Open(OperatorRuntimeContext context) => _subtask = context.SubtaskIndex;

    public override void Process(int value, Context<(int Subtask, long Sequence)> context)
    {
        _sequence++;
        context.Emit((_subtask, _sequence));
    }
}
