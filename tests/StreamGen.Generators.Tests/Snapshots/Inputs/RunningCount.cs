using System.Collections.Generic;
using StreamGen;

namespace WordCount;

public sealed record WordCount(string Word, long Count);

// The keyed operator of the design sketch.
[StreamOperator]
public partial class RunningCount : KeyedProcessor<string, string, WordCount>
{
    [State] private long _count;
    [State] private HashSet<string> _seenBy = new();

    public override void Process(string word, Context<WordCount> ctx)
    {
        _count++;
        _seenBy.Add(word);
        ctx.Emit(new WordCount(word, _count));
    }
}
