using System.Text.Json.Serialization;

namespace WordCount;

/// <summary>The running count of a word, written to the output topic as JSON.</summary>
/// <param name="Word">The word.</param>
/// <param name="Count">How often it has been seen so far.</param>
public sealed record WordCount(string Word, long Count);

/// <summary>Source-generated JSON for the output records (no reflection).</summary>
[JsonSerializable(typeof(WordCount))]
public sealed partial class WordCountJson : JsonSerializerContext
{
}
