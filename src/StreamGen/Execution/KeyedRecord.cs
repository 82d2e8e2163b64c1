namespace StreamGen.Execution;

/// <summary>
/// A record on a <c>KeyBy</c> edge. The producer computed the key and key group to pick the channel; they
/// travel with the value so the keyed operator neither re-runs the selector nor re-hashes.
/// </summary>
internal readonly struct KeyedRecord<TKey, T>
{
    public KeyedRecord(TKey key, int keyGroup, T value)
    {
        Key = key;
        KeyGroup = keyGroup;
        Value = value;
    }

    public TKey Key { get; }

    public int KeyGroup { get; }

    public T Value { get; }
}
