namespace StreamGen.State;

/// <summary>
/// Holds the keyed state of one subtask of a keyed operator: one state struct per key, for the key
/// groups in <see cref="KeyGroupRange"/>. Around each record the task calls <see cref="SetCurrentKey"/>
/// (the key's values are loaded into the operator's fields), runs the operator, then
/// <see cref="StoreCurrentKey"/> (the fields are copied back).
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IKeyedStateBackend<TKey>
    where TKey : notnull
{
    /// <summary>The key groups this backend owns.</summary>
    KeyGroupRange KeyGroupRange { get; }

    /// <summary>The operator's state schema.</summary>
    StateSchema Schema { get; }

    /// <summary>Number of keys with state.</summary>
    int KeyCount { get; }

    /// <summary>Loads the state of <paramref name="key"/> into the operator's fields, creating it from the initial values if the key is new.</summary>
    void SetCurrentKey(TKey key, int keyGroup);

    /// <summary>Copies the operator's fields back into the current key's state.</summary>
    void StoreCurrentKey();

    /// <summary>Freezes the current state (copy-on-write; cost independent of the number of keys) for an asynchronous write.</summary>
    IStateSnapshot Snapshot();

    /// <summary>
    /// Restores from state files written by <see cref="IStateSnapshot.WriteTo"/> of any subtasks of a
    /// previous run, at any parallelism: only key groups inside <see cref="KeyGroupRange"/> are kept.
    /// </summary>
    void Restore(IReadOnlyList<ReadOnlyMemory<byte>> stateFiles);
}
