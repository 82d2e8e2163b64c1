using StreamGen.Serialization;

namespace StreamGen.Connectors;

/// <summary>
/// A bounded, replayable in-memory source split into partitions (like topic partitions): record
/// <c>o</c> of partition <c>p</c> is <c>generator(p, o)</c>. Partition <c>p</c> is read by subtask
/// <c>p % parallelism</c>; the checkpointed position of each partition is the offset of its next record,
/// restored as union state, so positions survive a parallelism change.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ReplayableSource<T> : ISource<T>
{
    private readonly Func<int, long, T> _generator;
    private readonly long[] _lengths;

    /// <summary>Creates a source of <paramref name="partitions"/> partitions with <paramref name="recordsPerPartition"/> records each.</summary>
    public ReplayableSource(int partitions, long recordsPerPartition, Func<int, long, T> generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(recordsPerPartition);
        ArgumentNullException.ThrowIfNull(generator);
        _generator = generator;
        _lengths = Enumerable.Repeat(recordsPerPartition, partitions).ToArray();
    }

    private ReplayableSource(Func<int, long, T> generator, long[] lengths)
    {
        _generator = generator;
        _lengths = lengths;
    }

    /// <summary>Number of partitions.</summary>
    public int Partitions => _lengths.Length;

    /// <summary>Total number of records.</summary>
    public long Count => _lengths.Sum();

    /// <summary>Most records a subtask emits per poll (smaller values spread records over more checkpoints). Default 64.</summary>
    public int RecordsPerPoll { get; init; } = 64;

    /// <summary>When set, a subtask emits at most one poll's worth of records per interval (throttling).</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>
    /// A source over <paramref name="records"/>: record <c>i</c> goes to partition <c>i % partitions</c>,
    /// so each partition keeps the list's order.
    /// </summary>
    public static ReplayableSource<T> FromList(IReadOnlyList<T> records, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var lengths = new long[partitions];
        for (var p = 0; p < partitions; p++)
        {
            lengths[p] = (records.Count - p + partitions - 1) / partitions;
        }

        return new ReplayableSource<T>((p, o) => records[(int)(o * partitions) + p], lengths);
    }

    /// <summary>A copy with other throttling settings.</summary>
    public ReplayableSource<T> Throttled(int recordsPerPoll, TimeSpan? pollInterval)
        => new(_generator, _lengths) { RecordsPerPoll = recordsPerPoll, PollInterval = pollInterval };

    /// <inheritdoc />
    public ISourceReader<T> CreateReader(ConnectorContext context) => new Reader(this, context.Runtime.SubtaskIndex, context.Runtime.Parallelism);

    private sealed class Reader : ISourceReader<T>
    {
        private readonly ReplayableSource<T> _source;
        private readonly int[] _owned;
        private readonly long[] _offsets;
        private long _lastPollTicks;
        private int _next;

        public Reader(ReplayableSource<T> source, int subtask, int parallelism)
        {
            _source = source;
            _owned = Enumerable.Range(0, source.Partitions).Where(p => p % parallelism == subtask).ToArray();
            _offsets = new long[_owned.Length];
        }

        public void RestoreState(IReadOnlyList<ReadOnlyMemory<byte>> allSubtaskStates)
        {
            foreach (var state in allSubtaskStates)
            {
                var reader = new MessagePackReader(state.Span);
                var count = reader.ReadMapHeader();
                for (var i = 0; i < count; i++)
                {
                    var partition = reader.ReadInt32();
                    var offset = reader.ReadInt64();
                    var index = Array.IndexOf(_owned, partition);
                    if (index >= 0)
                    {
                        _offsets[index] = offset;
                    }
                }
            }
        }

        public void Open()
        {
        }

        public SourcePollResult Poll(ISourceOutput<T> output, int maxRecords)
        {
            if (_source.PollInterval is { } interval)
            {
                var now = Environment.TickCount64;
                if (now - _lastPollTicks < (long)interval.TotalMilliseconds)
                {
                    return Exhausted() ? SourcePollResult.Finished : SourcePollResult.Idle;
                }

                _lastPollTicks = now;
            }

            var budget = Math.Min(maxRecords, _source.RecordsPerPoll);
            var lengths = _source._lengths;
            for (var attempts = 0; budget > 0 && attempts < _owned.Length; attempts++)
            {
                var index = _next;
                _next = (_next + 1) % Math.Max(1, _owned.Length);
                var partition = _owned[index];
                while (budget > 0 && _offsets[index] < lengths[partition])
                {
                    output.Emit(_source._generator(partition, _offsets[index]));
                    _offsets[index]++;
                    budget--;
                }
            }

            return Exhausted() ? SourcePollResult.Finished : _source.PollInterval is null ? SourcePollResult.MoreAvailable : SourcePollResult.Idle;
        }

        public void SnapshotState(long checkpointId, ref MessagePackWriter writer)
        {
            writer.WriteMapHeader(_owned.Length);
            for (var i = 0; i < _owned.Length; i++)
            {
                writer.Write(_owned[i]);
                writer.Write(_offsets[i]);
            }
        }

        public void OnCheckpointComplete(long checkpointId)
        {
        }

        public void Close()
        {
        }

        private bool Exhausted()
        {
            for (var i = 0; i < _owned.Length; i++)
            {
                if (_offsets[i] < _source._lengths[_owned[i]])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
