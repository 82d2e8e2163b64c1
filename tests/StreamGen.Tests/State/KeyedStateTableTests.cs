using System.Buffers;
using StreamGen.Serialization;
using StreamGen.State;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.State;

public sealed class KeyedStateTableTests
{
    private const int MaxParallelism = 128;

    [Fact]
    public void Each_key_sees_only_its_own_state_and_new_keys_start_from_the_initial_values()
    {
        var op = new HandWrittenKeyedOperator(initialCount: 10);
        var table = Create(op);
        Feed(op, table, "a", "b", "a", "a");

        Assert.Equal(2, table.KeyCount);
        Assert.Equal(13, CountOf(op, table, "a"));
        Assert.Equal(11, CountOf(op, table, "b"));
    }

    [Fact]
    public void A_snapshot_is_not_affected_by_later_updates_even_of_mutable_state()
    {
        var op = new HandWrittenKeyedOperator();
        var table = Create(op);
        Feed(op, table, "a", "b");

        using var snapshot = table.Snapshot();
        Feed(op, table, "a", "a", "c");
        for (var i = 0; i < 5000; i++)
        {
            Feed(op, table, "k" + i);
        }

        var restored = Restore([Write(snapshot)]);
        Assert.Equal(2, restored.Table.KeyCount);
        Assert.Equal(1, CountOf(restored.Op, restored.Table, "a"));
        Assert.Equal(["a"], restored.Op._seen);
        Assert.Equal(3, CountOf(op, table, "a"));
    }

    [Fact]
    public void Writes_after_a_snapshot_copy_the_pinned_segments_of_immutable_state_instead_of_changing_them()
    {
        // RunningCount's state is a plain struct (no deep copy): what keeps a snapshot intact is that the task
        // thread clones a segment a live snapshot pinned before writing to it, for updates and appends alike.
        var op = new RunningCount();
        var table = KeyedStateBackend.Create<string>(op, new KeyGroupRange(0, MaxParallelism), MaxParallelism, "RunningCount (uid 'count')");
        var context = new ListContext<KeyCount>();
        void Count(string key, int times)
        {
            for (var i = 0; i < times; i++)
            {
                table.SetCurrentKey(key, KeyGroups.Of(key, MaxParallelism));
                op.CurrentKey = key;
                op.Process(key, context);
                table.StoreCurrentKey();
            }
        }

        // 5000 keys span two segments (4096 slots each); the snapshot pins both.
        var keys = Enumerable.Range(0, 5000).Select(i => "key-" + i).ToList();
        foreach (var key in keys)
        {
            Count(key, 1);
        }

        var snapshot = table.Snapshot();
        Count("key-0", 2);      // first segment
        Count("key-4999", 4);   // second segment, partly filled: appends below go into it too
        for (var i = 0; i < 300; i++)
        {
            Count("late-" + i, 1);
        }

        var frozen = RestoreCounts(Write(snapshot));
        snapshot.Dispose();
        using var later = table.Snapshot();
        var current = RestoreCounts(Write(later));

        Assert.Equal(5000, frozen.Count);
        Assert.All(keys, key => Assert.Equal(1, frozen[key]));
        Assert.Equal(5300, current.Count);
        Assert.Equal(3, current["key-0"]);
        Assert.Equal(5, current["key-4999"]);
        Assert.Equal(1, current["late-299"]);
    }

    [Fact]
    public void Snapshot_then_restore_gives_identical_bytes()
    {
        var op = new HandWrittenKeyedOperator();
        var table = Create(op);
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            Feed(op, table, "key-" + random.Next(3000));
        }

        byte[] first;
        using (var snapshot = table.Snapshot())
        {
            first = Write(snapshot);
        }

        var restored = Restore([first]);
        using var again = restored.Table.Snapshot();
        Assert.Equal(first, Write(again));
    }

    [Fact]
    public void Keyed_state_restores_onto_a_different_parallelism()
    {
        // Two old subtasks, each owning half the key groups, restored onto three new subtasks.
        var expected = new Dictionary<string, long>();
        var files = new List<ReadOnlyMemory<byte>>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            var op = new HandWrittenKeyedOperator();
            var table = Create(op, KeyGroupRange.ForSubtask(MaxParallelism, 2, subtask));
            for (var i = 0; i < 1000; i++)
            {
                var key = "k" + (i % 250);
                if (KeyGroups.SubtaskFor(KeyGroups.Of(key, MaxParallelism), MaxParallelism, 2) != subtask)
                {
                    continue;
                }

                Feed(op, table, key);
                expected[key] = expected.GetValueOrDefault(key) + 1;
            }

            using var snapshot = table.Snapshot();
            files.Add(Write(snapshot));
        }

        var seen = new Dictionary<string, long>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            var range = KeyGroupRange.ForSubtask(MaxParallelism, 3, subtask);
            var restored = Restore(files, range);
            foreach (var key in expected.Keys.Where(k => range.Contains(KeyGroups.Of(k, MaxParallelism))))
            {
                seen.Add(key, CountOf(restored.Op, restored.Table, key));
            }

            Assert.Equal(expected.Keys.Count(k => range.Contains(KeyGroups.Of(k, MaxParallelism))), restored.Table.KeyCount);
        }

        Assert.Equal(expected.OrderBy(p => p.Key), seen.OrderBy(p => p.Key));
    }

    [Fact]
    public void An_added_field_restores_with_its_initial_value_and_a_removed_field_is_skipped()
    {
        var oldSchema = new StateSchema("Op", [new StateField("_count", "long"), new StateField("_removed", "int")]);
        var oldOp = new HandWrittenKeyedOperator(oldSchema);
        var table = Create(oldOp);
        Feed(oldOp, table, "a", "a");
        byte[] bytes;
        using (var snapshot = table.Snapshot())
        {
            bytes = Write(snapshot);
        }

        // Written with _seen at position 1 but named "_removed": the new operator skips it and keeps its initial _seen.
        var restored = Restore([bytes]);
        Assert.Equal(2, CountOf(restored.Op, restored.Table, "a"));
        Assert.Empty(restored.Op._seen);
    }

    [Fact]
    public void A_changed_field_type_names_operator_field_and_both_types()
    {
        var oldSchema = new StateSchema("Op", [new StateField("_count", "int"), new StateField("_seen", "global::System.Collections.Generic.HashSet<string>")]);
        var oldOp = new HandWrittenKeyedOperator(oldSchema);
        var table = Create(oldOp);
        Feed(oldOp, table, "a");
        using var snapshot = table.Snapshot();
        var bytes = Write(snapshot);

        var ex = Assert.Throws<StateSchemaMismatchException>(() => Restore([bytes]));
        Assert.Contains("RunningCount (uid 'count')", ex.Message);
        Assert.Contains("'_count'", ex.Message);
        Assert.Contains("int", ex.Message);
        Assert.Contains("long", ex.Message);
    }

    [Fact]
    public void Corrupt_bytes_fail_with_a_format_error_not_garbage()
    {
        var op = new HandWrittenKeyedOperator();
        var table = Create(op);
        Feed(op, table, "a", "b");
        using var snapshot = table.Snapshot();
        var bytes = Write(snapshot);

        Assert.Throws<MessagePackFormatException>(() => Restore([bytes.AsMemory(0, bytes.Length - 3)]));
    }

    [Fact]
    public void A_different_max_parallelism_is_refused_with_a_clear_message()
    {
        var op = new HandWrittenKeyedOperator();
        var table = Create(op);
        Feed(op, table, "a");
        using var snapshot = table.Snapshot();
        var bytes = Write(snapshot);

        var other = new HandWrittenKeyedOperator();
        var otherTable = KeyedStateBackend.Create<string>(other, new KeyGroupRange(0, 64), 64, "RunningCount (uid 'count')");
        // A restart cannot change the MaxParallelism a checkpoint was written with: the job fails at once.
        var ex = Assert.Throws<StreamGen.Recovery.JobRestoreException>(() => otherTable.Restore([bytes]));
        Assert.Contains("MaxParallelism 128", ex.Message);
    }

    private static IKeyedStateBackend<string> Create(HandWrittenKeyedOperator op, KeyGroupRange? range = null)
        => KeyedStateBackend.Create<string>(op, range ?? new KeyGroupRange(0, MaxParallelism), MaxParallelism, "RunningCount (uid 'count')");

    private static (HandWrittenKeyedOperator Op, IKeyedStateBackend<string> Table) Restore(IReadOnlyList<ReadOnlyMemory<byte>> files, KeyGroupRange? range = null)
    {
        var op = new HandWrittenKeyedOperator();
        var table = Create(op, range);
        table.Restore(files);
        return (op, table);
    }

    private static void Feed(HandWrittenKeyedOperator op, IKeyedStateBackend<string> table, params string[] keys)
    {
        foreach (var key in keys)
        {
            table.SetCurrentKey(key, KeyGroups.Of(key, MaxParallelism));
            op.Process(key, null!);
            table.StoreCurrentKey();
        }
    }

    private static long CountOf(HandWrittenKeyedOperator op, IKeyedStateBackend<string> table, string key)
    {
        table.SetCurrentKey(key, KeyGroups.Of(key, MaxParallelism));
        return op._count;
    }

    private static Dictionary<string, long> RestoreCounts(byte[] file)
        => KeyedCountFile.Read(file).ToDictionary(e => e.Key, e => e.Count);

    private static byte[] Write(IStateSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>();
        snapshot.WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
