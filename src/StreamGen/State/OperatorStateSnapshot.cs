using System.Buffers;
using StreamGen.Serialization;

namespace StreamGen.State;

/// <summary>
/// Snapshots and restores the operator state of an <see cref="ICheckpointedOperator"/> as a
/// <c>sg-operator/1</c> file: <c>["sg-operator/1", schema, [values...]]</c>.
/// </summary>
public static class OperatorStateSnapshot
{
    /// <summary>
    /// Serialises the operator's state. Runs on the task thread at the barrier: the returned bytes are
    /// the frozen copy that is written to storage asynchronously.
    /// </summary>
    public static byte[] Take(ICheckpointedOperator op)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(3);
        writer.Write(StateFileFormat.OperatorFormat);
        StateFileFormat.WriteSchema(ref writer, op.StateSchema);
        op.SnapshotState(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Restores state written by <see cref="Take"/>, mapping fields by name.</summary>
    /// <exception cref="StateSchemaMismatchException">A field changed its type.</exception>
    /// <exception cref="MessagePackFormatException">The bytes are not an operator state file.</exception>
    public static void Restore(ICheckpointedOperator op, ReadOnlySpan<byte> data, string operatorDescription)
    {
        var reader = new MessagePackReader(data);
        StateFileFormat.ExpectArray(ref reader, 3, "operator state file");
        StateFileFormat.ExpectFormat(ref reader, StateFileFormat.OperatorFormat);
        var stored = StateFileFormat.ReadSchema(ref reader);
        var map = op.StateSchema.MapFrom(stored, operatorDescription);
        op.RestoreState(ref reader, map);
    }
}
