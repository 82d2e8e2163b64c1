// The design brief's running example, as a user writes it.
using StreamGen;

namespace Corpus.WordCount;

public sealed record WordCount(string Word, long Count);

[StreamOperator]
public partial class RunningCount : KeyedProcessor<string, string, WordCount>
{
    [State] private long _count;                 // one value per key
    [State] private HashSet<string> _seenBy = new();

    public override void Process(string word, Context<WordCount> ctx)
    {
        _count++;
        ctx.Emit(new WordCount(word, _count));
    }
}

[StreamOperator]
public partial class Tokenizer : Processor<string, string>
{
    private static readonly char[] Separators = { ' ', '\t', ',', '.' };
    private const int MaxWordLength = 64;

    public override void Process(string line, Context<string> context)
    {
        foreach (var word in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length <= MaxWordLength)
            {
                context.Emit(word.ToLowerInvariant());
            }
        }
    }
}
