using StreamGen.State;

namespace StreamGen.Tests.State;

public sealed class KeyGroupsTests
{
    [Theory]
    [InlineData(128, 1)]
    [InlineData(128, 3)]
    [InlineData(128, 7)]
    [InlineData(128, 128)]
    [InlineData(10, 4)]
    public void Subtask_ranges_tile_all_key_groups_and_agree_with_SubtaskFor(int maxParallelism, int parallelism)
    {
        var next = 0;
        for (var subtask = 0; subtask < parallelism; subtask++)
        {
            var range = KeyGroupRange.ForSubtask(maxParallelism, parallelism, subtask);
            Assert.Equal(next, range.Start);
            Assert.True(range.Count > 0);
            for (var g = range.Start; g < range.EndExclusive; g++)
            {
                Assert.Equal(subtask, KeyGroups.SubtaskFor(g, maxParallelism, parallelism));
            }

            next = range.EndExclusive;
        }

        Assert.Equal(maxParallelism, next);
    }

    [Fact]
    public void Stable_hash_never_changes_between_versions()
    {
        // Key groups of restored state depend on these values: changing the hash breaks every existing checkpoint.
        Assert.Equal(KeyGroups.StableHash("hello"), KeyGroups.StableHash(new string("hello".AsSpan())));
        Assert.Equal(1003311522, KeyGroups.StableHash("hello"));
        Assert.Equal(899187587, KeyGroups.StableHash(42L));
    }

    [Fact]
    public void Keys_spread_over_key_groups()
    {
        var counts = new int[128];
        for (var i = 0; i < 128_000; i++)
        {
            counts[KeyGroups.Of("key-" + i, 128)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 700, 1300));
    }

    [Fact]
    public void Tuples_and_enums_hash_by_value()
    {
        Assert.Equal(KeyGroups.StableHash(("a", 1)), KeyGroups.StableHash(("a", 1)));
        Assert.NotEqual(KeyGroups.StableHash(("a", 1)), KeyGroups.StableHash(("a", 2)));
        Assert.Equal(KeyGroups.StableHash(DayOfWeek.Monday), KeyGroups.StableHash(DayOfWeek.Monday));
        Assert.Throws<NotSupportedException>(() => KeyGroups.StableHash(new object()));
    }
}
