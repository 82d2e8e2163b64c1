namespace StreamGen.State;

/// <summary>
/// A contiguous range of key groups owned by one subtask of a keyed operator. Keyed state is
/// partitioned into <c>MaxParallelism</c> key groups, never re-hashed, so on a parallelism change each
/// new subtask takes whole key groups from the old subtasks' state files.
/// </summary>
/// <param name="Start">First key group in the range.</param>
/// <param name="EndExclusive">One past the last key group in the range.</param>
public readonly record struct KeyGroupRange(int Start, int EndExclusive)
{
    /// <summary>Number of key groups in the range.</summary>
    public int Count => EndExclusive - Start;

    /// <summary>Whether <paramref name="keyGroup"/> lies in the range.</summary>
    public bool Contains(int keyGroup) => keyGroup >= Start && keyGroup < EndExclusive;

    /// <summary>Whether the two ranges share a key group.</summary>
    public bool Overlaps(KeyGroupRange other) => Start < other.EndExclusive && other.Start < EndExclusive;

    /// <summary>
    /// The key groups of subtask <paramref name="subtaskIndex"/>: the inverse of
    /// <see cref="KeyGroups.SubtaskFor"/>, so ranges of all subtasks tile [0, maxParallelism).
    /// </summary>
    public static KeyGroupRange ForSubtask(int maxParallelism, int parallelism, int subtaskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parallelism, maxParallelism);
        ArgumentOutOfRangeException.ThrowIfNegative(subtaskIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(subtaskIndex, parallelism);
        var start = (int)(((long)subtaskIndex * maxParallelism + parallelism - 1) / parallelism);
        var end = (int)((((long)subtaskIndex + 1) * maxParallelism - 1) / parallelism) + 1;
        return new KeyGroupRange(start, end);
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Start}, {EndExclusive})";
}
