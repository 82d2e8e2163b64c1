using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using StreamGen.Benchmarks.Harness;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Graph;

namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// The stateless chain map → filter → map three ways: StreamGen (all operators chained into the source
/// task), a hand-written loop, and TPL Dataflow (TransformBlock → filtered link → TransformBlock → ActionBlock).
/// The filter keeps about half of the events.
/// </summary>
internal static class StatelessPipelines
{

    public static Event EventAt(KeyWorkload workload, long index)
    {
        var draw = workload.Sequence[(int)(index & (workload.Sequence.Length - 1))];
        return new Event(index, draw, draw * 12);
    }

    public static PricedEvent Price(Event e) => new(e.Id, e.Customer, (e.AmountCents * 1.2) + 3);

    /// <summary>
    /// The price the filter keeps events above: 600 000 at the default 100 k keys, scaled with the key count
    /// so that about 58 % pass with any <c>--keys</c> (and in a smoke run) rather than none.
    /// </summary>
    public static double Threshold(KeyWorkload workload) => 6.0 * workload.Keys.Length;

    public static bool Keep(PricedEvent e, double threshold) => e.Price > threshold;

    public static long Project(PricedEvent e) => e.Id ^ e.Customer;

    /// <summary>How many events pass the filter (the sink's expected count).</summary>
    public static long Passing(KeyWorkload workload, long records)
    {
        var threshold = Threshold(workload);
        long passing = 0;
        for (long i = 0; i < records; i++)
        {
            if (Keep(Price(EventAt(workload, i)), threshold))
            {
                passing++;
            }
        }

        return passing;
    }

    public static async Task<RunFigures> StreamGenAsync(KeyWorkload workload, long records, long passing, int parallelism)
    {
        var threshold = Threshold(workload);
        var probe = new SinkProbe(passing);
        var job = new JobBuilder("bench-stateless");
        var partitions = parallelism;
        var source = new ReplayableSource<Event>(partitions, records / partitions, (p, o) => EventAt(workload, (o * partitions) + p))
        {
            RecordsPerPoll = 1024,
        };
        job.From(source, parallelism).Uid("source")
            .Map(Price)
            .Filter(e => Keep(e, threshold))
            .Map(Project)
            .To(new CountingSink<long>(probe, v => v)).Uid("sink");
        return (await PipelineRun.RunAsync(job.Build(), probe, records, interval: null, CheckpointingMode.ExactlyOnce)).Run;
    }

    public static RunFigures Loop(KeyWorkload workload, long records)
    {
        var threshold = Threshold(workload);
        var measurement = Measurement.Start();
        long checksum = 0;
        for (long i = 0; i < records; i++)
        {
            var priced = Price(EventAt(workload, i));
            if (Keep(priced, threshold))
            {
                checksum += Project(priced);
            }
        }

        var run = measurement.Stop(records);
        GC.KeepAlive(checksum);
        return run;
    }

    /// <summary>Per-record posting through bounded blocks, <paramref name="parallelism"/> degrees of parallelism each.</summary>
    public static async Task<RunFigures> DataflowAsync(KeyWorkload workload, long records, int parallelism)
    {
        var threshold = Threshold(workload);
        var measurement = Measurement.Start();
        var options = new ExecutionDataflowBlockOptions { BoundedCapacity = 8 * 256, MaxDegreeOfParallelism = parallelism, EnsureOrdered = false };
        var price = new TransformBlock<Event, PricedEvent>(Price, options);
        var project = new TransformBlock<PricedEvent, long>(Project, options);
        long checksum = 0;
        var sink = new ActionBlock<long>(v => Interlocked.Add(ref checksum, v), new ExecutionDataflowBlockOptions { BoundedCapacity = 8 * 256 });
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        price.LinkTo(project, link, e => Keep(e, threshold));
        price.LinkTo(DataflowBlock.NullTarget<PricedEvent>(), link);
        project.LinkTo(sink, link);
        await Task.Run(async () =>
        {
            for (long i = 0; i < records; i++)
            {
                var e = EventAt(workload, i);
                if (!price.Post(e))
                {
                    await price.SendAsync(e);
                }
            }
        });

        price.Complete();
        await sink.Completion;
        var run = measurement.Stop(records, Stopwatch.GetTimestamp());
        GC.KeepAlive(checksum);
        return run;
    }
}
