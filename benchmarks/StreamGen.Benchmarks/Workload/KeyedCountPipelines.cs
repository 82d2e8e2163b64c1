using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Dataflow;
using StreamGen.Benchmarks.Harness;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;

namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// The keyed running count (source → KeyBy → count → sink) three ways: StreamGen, a hand-written
/// single-threaded Dictionary loop (the practical limit) and TPL Dataflow with the same stage structure.
/// All read the same precomputed <see cref="KeyWorkload"/> and emit one <see cref="KeyCount"/> per record.
/// </summary>
internal static class KeyedCountPipelines
{
    /// <summary>
    /// StreamGen: <paramref name="parallelism"/> source subtasks → KeyBy → <paramref name="parallelism"/>
    /// counting subtasks with the sink chained to them.
    /// </summary>
    public static async Task<(RunFigures Run, Diagnostics.CheckpointStatsSnapshot Checkpoints)> StreamGenAsync(
        KeyWorkload workload, long records, int parallelism, TimeSpan? interval, CheckpointingMode mode)
    {
        var probe = new SinkProbe(records);
        var job = new JobBuilder("bench-keyed-count");
        var partitions = parallelism;
        var source = new ReplayableSource<string>(partitions, records / partitions, (p, o) => workload.KeyAt((o * partitions) + p))
        {
            RecordsPerPoll = 1024,
        };
        job.From(source, parallelism).Uid("source")
            .KeyBy(key => key)
            .Process(() => new RunningCount()).Uid("count").Parallelism(parallelism)
            .To(new CountingSink<KeyCount>(probe, c => c.Count)).Uid("sink");
        return await PipelineRun.RunAsync(job.Build(), probe, records, interval, mode);
    }

    /// <summary>The practical limit: one thread, one Dictionary, no framework.</summary>
    public static RunFigures DictionaryLoop(KeyWorkload workload, long records)
    {
        var measurement = Measurement.Start();
        var counts = new Dictionary<string, long>();
        long checksum = 0;
        for (long i = 0; i < records; i++)
        {
            var key = workload.KeyAt(i);
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
            count++;
            var output = new KeyCount(key, count);
            checksum += output.Count;
        }

        var run = measurement.Stop(records);
        GC.KeepAlive(checksum);
        return run;
    }

    /// <summary>
    /// TPL Dataflow written as its documentation suggests: a producer posts each record to one of
    /// <paramref name="parallelism"/> bounded <see cref="ActionBlock{T}"/>s chosen by key hash (each owns its
    /// keys' counts, so it needs no lock), and each block hands its output to the sink inline, as StreamGen
    /// chains the sink to the counting operator.
    /// </summary>
    public static async Task<RunFigures> DataflowAsync(KeyWorkload workload, long records, int parallelism)
    {
        var measurement = Measurement.Start();
        var checksums = new long[parallelism * 16];
        var blocks = new ActionBlock<string>[parallelism];
        for (var b = 0; b < parallelism; b++)
        {
            var counts = new Dictionary<string, long>();
            var slot = b * 16; // a cache line apart
            blocks[b] = new ActionBlock<string>(
                key =>
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
                    count++;
                    var output = new KeyCount(key, count);
                    checksums[slot] += output.Count;
                },
                new ExecutionDataflowBlockOptions
                {
                    BoundedCapacity = 8 * 256, // StreamGen's default channel: 8 batches of 256
                    MaxDegreeOfParallelism = 1,
                    SingleProducerConstrained = true,
                });
        }

        await Task.Run(async () =>
        {
            for (long i = 0; i < records; i++)
            {
                var key = workload.KeyAt(i);
                var target = blocks[(int)((uint)key.GetHashCode() % (uint)parallelism)];
                if (!target.Post(key))
                {
                    await target.SendAsync(key);
                }
            }
        });

        foreach (var block in blocks)
        {
            block.Complete();
        }

        await Task.WhenAll(blocks.Select(b => b.Completion));
        var run = measurement.Stop(records, Stopwatch.GetTimestamp());
        GC.KeepAlive(checksums);
        return run;
    }
}
