namespace StreamGen.Benchmarks.Workload;

/// <summary>
/// The records every keyed scenario and its baselines consume: record <c>i</c> is
/// <c>Keys[Sequence[i &amp; mask]]</c>, a string taken from a precomputed array, so generating a record costs
/// two array reads and the source is never what a scenario ends up measuring.
/// </summary>
internal sealed class KeyWorkload
{
    private const int SequenceLength = 1 << 21;
    private const int SequenceMask = SequenceLength - 1;

    private KeyWorkload(string[] keys, int[] sequence)
    {
        Keys = keys;
        Sequence = sequence;
    }

    /// <summary>The distinct keys.</summary>
    public string[] Keys { get; }

    /// <summary>Uniformly random key indexes, repeated cyclically.</summary>
    public int[] Sequence { get; }

    /// <summary>Builds <paramref name="distinctKeys"/> keys shaped like user ids, drawn uniformly with a fixed seed.</summary>
    public static KeyWorkload Create(int distinctKeys, int seed = 42)
    {
        var keys = new string[distinctKeys];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = $"user-{i:x8}";
        }

        var random = new Random(seed);
        var sequence = new int[SequenceLength];
        for (var i = 0; i < sequence.Length; i++)
        {
            sequence[i] = random.Next(distinctKeys);
        }

        return new KeyWorkload(keys, sequence);
    }

    /// <summary>Record <paramref name="index"/> of the stream.</summary>
    public string KeyAt(long index) => Keys[Sequence[(int)(index & SequenceMask)]];
}
