using StreamGen.Serialization;

namespace StreamGen.State;

/// <summary>
/// The generated bridge between a keyed operator's <see cref="StateAttribute"/> fields and a per-key
/// state struct <typeparamref name="TState"/> (one field of the struct per state field). The runtime's
/// keyed state table stores one <typeparamref name="TState"/> per key and moves it in and out of the
/// operator's fields around each <c>Process</c> call.
/// </summary>
/// <remarks>
/// <see cref="WriteState"/>, <see cref="WriteKey"/>, <see cref="DeepCopyState"/> and <see cref="ReadState"/>
/// must depend only on their arguments, never on the operator's fields: the runtime calls the first two
/// from the asynchronous snapshot thread while the task thread keeps loading and storing other keys.
/// </remarks>
/// <typeparam name="TKey">The operator's key type.</typeparam>
/// <typeparam name="TState">The generated per-key state struct.</typeparam>
public interface IKeyedStateAccessor<TKey, TState>
    where TKey : notnull
    where TState : struct
{
    /// <summary>The operator's state fields, in the order of <typeparamref name="TState"/>'s values.</summary>
    StateSchema StateSchema { get; }

    /// <summary>
    /// Returns the state of a key seen for the first time: the field values the constructor and field
    /// initialisers produced, deep-copied. The runtime makes its first call right after constructing the
    /// operator, before any <see cref="LoadState"/>, so the generated code can capture that template then.
    /// </summary>
    TState CreateInitialState();

    /// <summary>Copies <paramref name="state"/> into the operator's fields (before <c>Process</c>).</summary>
    void LoadState(in TState state);

    /// <summary>Copies the operator's fields into <paramref name="state"/> (after <c>Process</c>).</summary>
    void StoreState(out TState state);

    /// <summary>
    /// True when some field is a mutable reference (a collection, a mutable class): an asynchronous
    /// snapshot then needs <see cref="DeepCopyState"/> before the live value is changed again.
    /// </summary>
    bool StateNeedsDeepCopy { get; }

    /// <summary>Returns a copy of <paramref name="state"/> that shares no mutable object with it.</summary>
    TState DeepCopyState(in TState state);

    /// <summary>Writes <paramref name="state"/> as one MessagePack array in <see cref="StateSchema"/> order.</summary>
    void WriteState(ref MessagePackWriter writer, in TState state);

    /// <summary>
    /// Reads an array written by <see cref="WriteState"/> under a possibly older schema, starting from
    /// <see cref="CreateInitialState"/>: element <c>i</c> goes to field <paramref name="fieldMap"/>[i], or
    /// is skipped when that is -1.
    /// </summary>
    TState ReadState(ref MessagePackReader reader, ReadOnlySpan<int> fieldMap);

    /// <summary>Writes a key.</summary>
    void WriteKey(ref MessagePackWriter writer, TKey key);

    /// <summary>Reads a key written by <see cref="WriteKey"/>.</summary>
    TKey ReadKey(ref MessagePackReader reader);
}
