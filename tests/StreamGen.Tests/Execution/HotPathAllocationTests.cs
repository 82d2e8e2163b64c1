using StreamGen.Diagnostics;
using StreamGen.Execution;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.Execution;

public sealed class HotPathAllocationTests
{
    private static readonly string[] Words = Enumerable.Range(0, 50).Select(i => "w" + i).ToArray();

    [Fact]
    public void Records_flow_through_chain_keyby_channel_and_keyed_state_without_allocating()
    {
        using var wakeup = new TaskWakeup();
        var channel = new InputChannel<KeyedRecord<string, string>>(64, wakeup, "c");
        var writer = new KeyedRecordWriter<string, string>([channel], batchSize: 128, keySelector: w => w, maxParallelism: 128, operatorName: "count", CancellationToken.None);
        var filter = new FilterOperator<string>(Context("filter"), w => w.Length > 0, writer);
        var map = new MapOperator<string, string>(Context("map"), w => w, filter);
        var sink = new CountingOutput();
        var keyed = new KeyedProcessOperator<string, string, KeyCount>(Context("count"), new RunningCount(), sink);

        void Pump(int records)
        {
            for (var i = 0; i < records; i++)
            {
                map.Collect(Words[i % Words.Length]);
                if (i % 128 == 127)
                {
                    while (channel.TryRead(out var element))
                    {
                        for (var j = 0; j < element.Count; j++)
                        {
                            keyed.Collect(element.Records![j]);
                        }

                        RecordBatchPool<KeyedRecord<string, string>>.Return(element.Records!);
                    }
                }
            }
        }

        // Warm up: every key gets its state, pools and JIT settle.
        Pump(128 * 50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Pump(128 * 500);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(128 * 550, sink.Count);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for {128 * 500} records");
    }

    private static OperatorRuntimeContext Context(string name) => new(name, name, 0, 1, 128, 0);

    private sealed class CountingOutput : IOutput<KeyCount>
    {
        public long Count;

        public void Collect(KeyCount record) => Count++;
    }
}
