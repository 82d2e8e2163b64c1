using StreamGen.Serialization;

namespace StreamGen.State;

/// <summary>
/// Operator state of a non-keyed operator. The source generator implements this for every
/// <see cref="StreamOperatorAttribute"/> class that is not keyed; hand-written operators may implement it.
/// </summary>
public interface ICheckpointedOperator
{
    /// <summary>The operator's state fields.</summary>
    StateSchema StateSchema { get; }

    /// <summary>
    /// Writes the current field values as one MessagePack array in <see cref="StateSchema"/> order.
    /// Called on the task thread at a barrier: the bytes are the copy that is written out asynchronously.
    /// </summary>
    void SnapshotState(ref MessagePackWriter writer);

    /// <summary>
    /// Reads an array written by <see cref="SnapshotState"/> under a possibly older schema. Element
    /// <c>i</c> of the array goes to field <paramref name="fieldMap"/>[i], or is skipped when that is -1.
    /// Fields absent from the array keep their current (constructor-initialised) values.
    /// </summary>
    void RestoreState(ref MessagePackReader reader, ReadOnlySpan<int> fieldMap);
}
