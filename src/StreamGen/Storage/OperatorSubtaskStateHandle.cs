using StreamGen.State;

namespace StreamGen.Storage;

/// <summary>The state of one subtask of one operator in a checkpoint.</summary>
/// <param name="OperatorId">The stable operator id state is matched by on restore.</param>
/// <param name="SubtaskIndex">The subtask that wrote the state.</param>
/// <param name="Parallelism">The operator's parallelism when the state was written.</param>
/// <param name="MaxParallelism">The job's number of key groups when the state was written.</param>
/// <param name="Kind"><c>keyed</c>, <c>operator</c>, <c>source</c> or <c>sink</c>.</param>
/// <param name="SchemaFingerprint">The state schema fingerprint (empty for sources and sinks).</param>
/// <param name="KeyGroups">For keyed state, the key groups the file holds.</param>
/// <param name="File">The state file.</param>
public sealed record OperatorSubtaskStateHandle(
    string OperatorId,
    int SubtaskIndex,
    int Parallelism,
    int MaxParallelism,
    string Kind,
    string SchemaFingerprint,
    KeyGroupRange? KeyGroups,
    StateFileHandle File);
