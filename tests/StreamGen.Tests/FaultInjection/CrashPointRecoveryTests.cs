using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.FaultInjection;
using StreamGen.Recovery;
using StreamGen.Tests.TestOperators;
using StreamGen.Tests.TestSupport;

namespace StreamGen.Tests.FaultInjection;

/// <summary>
/// The proof of the checkpoint protocol: the keyed running-count job (sources at parallelism 2, a KeyBy
/// into 2-3 counting subtasks, so every counting subtask aligns barriers from two channels) fails at each
/// crash point, in both modes, with seeded random timing, and must recover to the exact result.
/// </summary>
public sealed class CrashPointRecoveryTests : IDisposable
{
    private static readonly CrashPoint[] Points =
    [
        CrashPoint.MidEpoch,
        CrashPoint.AfterSnapshotBeforeAck,
        CrashPoint.AfterAckBeforeComplete,
        CrashPoint.AfterCompleteBeforeNotify,
        CrashPoint.DuringRestore,
    ];

    public CrashPointRecoveryTests() => FaultInjector.Reset();

    public void Dispose() => FaultInjector.Reset();

    public static TheoryData<CheckpointingMode, CrashPoint, int> Runs()
    {
        // STREAMGEN_PROOF_SEEDS raises the number of seeded runs per (mode, point) for soak runs.
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("STREAMGEN_PROOF_SEEDS"), out var n) && n > 0 ? n : 4;
        var data = new TheoryData<CheckpointingMode, CrashPoint, int>();
        foreach (var mode in new[] { CheckpointingMode.ExactlyOnce, CheckpointingMode.AtLeastOnce })
        {
            foreach (var point in Points)
            {
                for (var seed = 0; seed < seeds; seed++)
                {
                    data.Add(mode, point, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Job_recovers_from_a_failure_at_the_crash_point(CheckpointingMode mode, CrashPoint point, int seed)
    {
        var random = new Random((seed * 7919) + ((int)point * 31) + (int)mode);
        var partitions = 4;
        var perPartition = 150 + random.Next(100);
        var countParallelism = 2 + random.Next(2);
        var sinkParallelism = random.Next(2) == 0 ? countParallelism : 1;
        var interval = TimeSpan.FromMilliseconds(15 + random.Next(20));
        var context = $"{mode} {FaultInjector.NameOf(point)} seed {seed} (records {partitions}x{perPartition}, count x{countParallelism}, sink x{sinkParallelism}, interval {interval.TotalMilliseconds} ms)";

        switch (point)
        {
            case CrashPoint.MidEpoch:
                FaultInjector.Arm(point, onHit: 20 + random.Next(300));
                break;
            case CrashPoint.AfterSnapshotBeforeAck:
                FaultInjector.Arm(point, onHit: 1 + random.Next(10));
                break;
            case CrashPoint.DuringRestore:
                // A restore needs a complete checkpoint and a failure first.
                FaultInjector.Arm(CrashPoint.AfterCompleteBeforeNotify, onHit: 1 + random.Next(2));
                FaultInjector.Arm(point, onHit: 1 + random.Next(3));
                break;
            default:
                FaultInjector.Arm(point, onHit: 1 + random.Next(3));
                break;
        }

        using var dir = new TempDirectory();
        var output = new CollectedOutput<KeyCount>();
        ISink<KeyCount> sink = mode == CheckpointingMode.ExactlyOnce ? new ExactlyOnceCollectingSink<KeyCount>(output) : new AtLeastOnceCollectingSink<KeyCount>(output);
        var source = CountingJob.Source(partitions, perPartition, recordsPerPoll: 2 + random.Next(4), pollInterval: TimeSpan.FromMilliseconds(1));
        var graph = CountingJob.Build(source, sink, 2, countParallelism, sinkParallelism);
        var execution = JobRunner.Start(graph, CountingJob.Options(dir.Path, mode, interval));

        await CountingJob.WaitAsync(execution);

        Assert.True(FaultInjector.FiredCount(point) == 1, $"{context}: the crash point did not fire (job too short?)");
        Assert.True(execution.RestartCount >= 1, $"{context}: no restart happened");
        var expected = CountingJob.ExpectedCounts(partitions, perPartition);
        if (mode == CheckpointingMode.ExactlyOnce)
        {
            OutputAssert.ExactlyOnce(expected, output.Records, context);
        }
        else
        {
            OutputAssert.AtLeastOnce(expected, output.Records, context);
        }
    }
}
