using StreamGen;

namespace WordCount;

/// <summary>Counts each word; the count is keyed state, one per word, checkpointed by generated code.</summary>
[StreamOperator]
public sealed partial class RunningCount : KeyedProcessor<string, string, WordCount>
{
    [State]
    private long _count;

    /// <inheritdoc />
    public override void Process(string word, Context<WordCount> context)
    {
        _count++;
        context.Emit(new WordCount(word, _count));
    }
}
