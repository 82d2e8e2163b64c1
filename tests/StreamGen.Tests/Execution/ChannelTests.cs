using StreamGen.Checkpointing;
using StreamGen.Execution;
using StreamGen.State;
using StreamGen.Storage;

namespace StreamGen.Tests.Execution;

public sealed class ChannelTests
{
    [Fact]
    public void Keyed_writer_routes_by_key_group_and_carries_key_and_group()
    {
        using var wakeup = new TaskWakeup();
        var channels = Enumerable.Range(0, 3).Select(i => new InputChannel<KeyedRecord<string, string>>(64, wakeup, $"c{i}")).ToArray();
        var writer = new KeyedRecordWriter<string, string>(channels, batchSize: 4, keySelector: s => s, maxParallelism: 128, operatorName: "test", CancellationToken.None);

        var keys = Enumerable.Range(0, 200).Select(i => "key" + i).ToList();
        foreach (var key in keys)
        {
            writer.Collect(key);
        }

        writer.Flush();

        var seen = 0;
        for (var subtask = 0; subtask < channels.Length; subtask++)
        {
            var range = KeyGroupRange.ForSubtask(128, 3, subtask);
            while (channels[subtask].TryRead(out var element))
            {
                for (var i = 0; i < element.Count; i++)
                {
                    var record = element.Records![i];
                    Assert.Equal(record.Value, record.Key);
                    Assert.Equal(KeyGroups.Of(record.Key, 128), record.KeyGroup);
                    Assert.True(range.Contains(record.KeyGroup), $"key group {record.KeyGroup} sent to subtask {subtask} outside {range}");
                    seen++;
                }
            }
        }

        Assert.Equal(keys.Count, seen);
    }

    [Fact]
    public void Barrier_follows_the_records_written_before_it()
    {
        using var wakeup = new TaskWakeup();
        var channel = new InputChannel<int>(16, wakeup, "c");
        var writer = new RecordWriter<int>([channel], batchSize: 100, startIndex: 0, CancellationToken.None);

        writer.Collect(1);
        writer.Collect(2);
        writer.BroadcastBarrier(new CheckpointBarrier(7, DateTimeOffset.UtcNow, CheckpointKind.Checkpoint, false));
        writer.Collect(3);
        writer.BroadcastEndOfInput();

        Assert.True(channel.TryRead(out var first));
        Assert.Equal(StreamElementKind.Records, first.Kind);
        Assert.Equal([1, 2], first.Records!.Take(first.Count));
        Assert.True(channel.TryRead(out var barrier));
        Assert.Equal(7, barrier.Barrier!.CheckpointId);
        Assert.True(channel.TryRead(out var second));
        Assert.Equal([3], second.Records!.Take(second.Count));
        Assert.True(channel.TryRead(out var end));
        Assert.Equal(StreamElementKind.EndOfInput, end.Kind);
    }

    [Fact]
    public async Task Full_channel_blocks_the_producer_until_the_consumer_reads()
    {
        using var wakeup = new TaskWakeup();
        var channel = new InputChannel<int>(2, wakeup, "c");
        channel.Write(ChannelElement<int>.EndOfInput(), CancellationToken.None);
        channel.Write(ChannelElement<int>.EndOfInput(), CancellationToken.None);
        using var started = new ManualResetEventSlim();

        var producer = Task.Factory.StartNew(
            () =>
            {
                started.Set();
                channel.Write(ChannelElement<int>.EndOfInput(), CancellationToken.None);
            },
            TaskCreationOptions.LongRunning);
        started.Wait();
        await Task.Delay(50);

        Assert.False(producer.IsCompleted);
        Assert.Equal(2, channel.Count);
        Assert.True(channel.TryRead(out _));
        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, channel.Count);
    }

    [Fact]
    public async Task Blocked_producer_observes_cancellation()
    {
        using var wakeup = new TaskWakeup();
        var channel = new InputChannel<int>(1, wakeup, "c");
        channel.Write(ChannelElement<int>.EndOfInput(), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var producer = Task.Factory.StartNew(() => channel.Write(ChannelElement<int>.EndOfInput(), cancellation.Token), TaskCreationOptions.LongRunning);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
