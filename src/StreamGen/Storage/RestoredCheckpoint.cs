namespace StreamGen.Storage;

/// <summary>A complete checkpoint or savepoint whose files were all read and checksum-verified.</summary>
public sealed class RestoredCheckpoint
{
    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<byte>> _files;

    /// <summary>Creates a restored checkpoint from verified file contents.</summary>
    public RestoredCheckpoint(string path, CheckpointMetadata metadata, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        Path = path;
        Metadata = metadata;
        _files = files;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>Its metadata.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>The verified content of a state file listed in <see cref="Metadata"/>.</summary>
    public ReadOnlyMemory<byte> ReadStateFile(StateFileHandle handle)
        => _files.TryGetValue(handle.FileName, out var data)
            ? data
            : throw new KeyNotFoundException($"State file '{handle.FileName}' is not part of checkpoint '{Path}'.");

    /// <summary>The state handles of one operator, by subtask index.</summary>
    public IReadOnlyList<OperatorSubtaskStateHandle> StatesOf(string operatorId)
        => Metadata.States.Where(s => s.OperatorId == operatorId).OrderBy(s => s.SubtaskIndex).ToList();
}
