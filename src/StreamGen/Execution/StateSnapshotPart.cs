using System.Buffers;
using StreamGen.State;

namespace StreamGen.Execution;

/// <summary>
/// The result of the synchronous part of one operator subtask's snapshot: either bytes already copied on
/// the task thread or a frozen keyed-state view. <see cref="Serialize"/> is the asynchronous part.
/// </summary>
internal sealed class StateSnapshotPart : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly IStateSnapshot? _frozen;

    public StateSnapshotPart(OperatorRuntimeContext context, string kind, string schemaFingerprint, KeyGroupRange? keyGroups, byte[] bytes)
        : this(context, kind, schemaFingerprint, keyGroups)
    {
        _bytes = bytes;
    }

    public StateSnapshotPart(OperatorRuntimeContext context, string kind, string schemaFingerprint, KeyGroupRange? keyGroups, IStateSnapshot frozen)
        : this(context, kind, schemaFingerprint, keyGroups)
    {
        _frozen = frozen;
    }

    private StateSnapshotPart(OperatorRuntimeContext context, string kind, string schemaFingerprint, KeyGroupRange? keyGroups)
    {
        Context = context;
        Kind = kind;
        SchemaFingerprint = schemaFingerprint;
        KeyGroups = keyGroups;
    }

    public OperatorRuntimeContext Context { get; }

    /// <summary>One of <see cref="StateKinds"/>.</summary>
    public string Kind { get; }

    public string SchemaFingerprint { get; }

    public KeyGroupRange? KeyGroups { get; }

    /// <summary>The state file name inside the checkpoint directory.</summary>
    public string FileName => $"{Context.OperatorId}-{Context.SubtaskIndex}-{Kind}.state";

    /// <summary>Serialises the snapshot; runs off the task thread.</summary>
    public ReadOnlyMemory<byte> Serialize()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        _frozen!.WriteTo(buffer);
        return buffer.WrittenMemory;
    }

    public void Dispose() => _frozen?.Dispose();
}
