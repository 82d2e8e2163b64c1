using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.TestSupport;

public static class OutputAssert
{
    /// <summary>Every key's counts are exactly 1..expected, each once: no loss, no duplicate.</summary>
    public static void ExactlyOnce(IReadOnlyDictionary<string, long> expected, IReadOnlyList<KeyCount> records, string context)
    {
        var byKey = records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Count).Order().ToList());
        Assert.True(byKey.Keys.ToHashSet().SetEquals(expected.Keys), $"{context}: keys {string.Join(",", byKey.Keys.Order())} differ from expected {string.Join(",", expected.Keys.Order())}");
        foreach (var (key, count) in expected)
        {
            var counts = byKey[key];
            var duplicates = counts.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
            Assert.True(duplicates.Count == 0, $"{context}: key {key} has duplicate outputs for counts {string.Join(",", duplicates)}");
            Assert.True(counts.Count == count && counts[^1] == count, $"{context}: key {key} expected counts 1..{count} once each, got {counts.Count} outputs, max {counts.LastOrDefault()}");
        }
    }

    /// <summary>Every key reached at least its expected count and every count 1..expected was emitted: nothing lost.</summary>
    public static void AtLeastOnce(IReadOnlyDictionary<string, long> expected, IReadOnlyList<KeyCount> records, string context)
    {
        var byKey = records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Count).ToHashSet());
        foreach (var (key, count) in expected)
        {
            Assert.True(byKey.TryGetValue(key, out var counts), $"{context}: key {key} has no output");
            var missing = Enumerable.Range(1, (int)count).Where(i => !counts.Contains(i)).Take(5).ToList();
            Assert.True(missing.Count == 0, $"{context}: key {key} lost counts {string.Join(",", missing)}");
        }
    }
}
