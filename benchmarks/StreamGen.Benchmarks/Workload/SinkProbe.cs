using System.Diagnostics;

namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// What the sinks of the in-memory scenarios write to: a count of records and the moments the first and
/// the expected last record arrived. Shared by all writers and attempts of a job (like an external system).
/// </summary>
internal sealed class SinkProbe
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;
    private long _checksum;

    public SinkProbe(long expected) => Expected = expected;

    public long Expected { get; }

    public long Count => Volatile.Read(ref _count);

    /// <summary>A sum over the records, so no stage's work can be optimised away.</summary>
    public long Checksum => Volatile.Read(ref _checksum);

    /// <summary>Records in the first batch the sink received (they arrived at <see cref="FirstTimestamp"/>).</summary>
    public long FirstCount { get; private set; }

    /// <summary>Stopwatch timestamp of the first record.</summary>
    public long FirstTimestamp { get; private set; }

    /// <summary>Stopwatch timestamp at which <see cref="Expected"/> records had arrived.</summary>
    public long AllTimestamp { get; private set; }

    public Task FirstRecord => _first.Task;

    public Task AllRecords => _all.Task;

    public void Add(long records, long checksum)
    {
        Interlocked.Add(ref _checksum, checksum);
        var total = Interlocked.Add(ref _count, records);
        if (total == records)
        {
            FirstCount = records;
            FirstTimestamp = Stopwatch.GetTimestamp();
            _first.TrySetResult();
        }

        if (total >= Expected && total - records < Expected)
        {
            AllTimestamp = Stopwatch.GetTimestamp();
            _all.TrySetResult();
        }
    }
}
