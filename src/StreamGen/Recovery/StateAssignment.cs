using Microsoft.Extensions.Logging;
using StreamGen.Execution;
using StreamGen.Graph;
using StreamGen.State;
using StreamGen.Storage;

namespace StreamGen.Recovery;

/// <summary>
/// Maps the state of a restored checkpoint onto the operator subtasks of this job, which may have other
/// parallelisms: keyed state by key-group range overlap, operator state by subtask index, source and sink
/// state as union state. State is matched by operator id.
/// </summary>
internal sealed class StateAssignment
{
    private readonly RestoredCheckpoint? _checkpoint;
    private readonly int _maxParallelism;
    private readonly Dictionary<string, List<OperatorSubtaskStateHandle>> _byOperator;

    private StateAssignment(RestoredCheckpoint? checkpoint, int maxParallelism, Dictionary<string, List<OperatorSubtaskStateHandle>> byOperator)
    {
        _checkpoint = checkpoint;
        _maxParallelism = maxParallelism;
        _byOperator = byOperator;
    }

    public static StateAssignment Create(JobGraph graph, RestoredCheckpoint? checkpoint, bool allowNonRestoredState, ILogger logger)
    {
        var byOperator = new Dictionary<string, List<OperatorSubtaskStateHandle>>(StringComparer.Ordinal);
        if (checkpoint is null)
        {
            return new StateAssignment(null, graph.MaxParallelism, byOperator);
        }

        foreach (var state in checkpoint.Metadata.States)
        {
            if (!byOperator.TryGetValue(state.OperatorId, out var list))
            {
                byOperator[state.OperatorId] = list = new List<OperatorSubtaskStateHandle>();
            }

            list.Add(state);
        }

        var known = graph.Nodes.ToDictionary(n => n.OperatorId, StringComparer.Ordinal);
        foreach (var (operatorId, states) in byOperator.ToList())
        {
            if (!known.TryGetValue(operatorId, out var node))
            {
                var found = $"Checkpoint {checkpoint.Path} holds {states[0].Kind} state of operator id '{operatorId}' ({states.Count} subtask file(s)), " +
                            $"but job '{graph.Name}' has no operator with that id.";
                if (!allowNonRestoredState)
                {
                    throw new JobRestoreException(
                        $"{found} If the operator was removed on purpose, set AllowNonRestoredState = true to drop its state; " +
                        $"if it was renamed or moved, give it Uid(\"{operatorId}\").");
                }

                // The user already chose to drop such state: say what is dropped, and how to keep it if that was a mistake.
                logger.LogWarning(
                    "Dropping state (AllowNonRestoredState is set): {Found} If the operator was renamed or moved rather than removed, give it Uid(\"{OperatorId}\") to keep its state.",
                    found,
                    operatorId);
                byOperator.Remove(operatorId);
                continue;
            }

            var keyed = states.FirstOrDefault(s => s.Kind == StateKinds.Keyed);
            if (keyed is not null && keyed.MaxParallelism != graph.MaxParallelism)
            {
                throw new JobRestoreException(
                    $"Checkpoint {checkpoint.Path} holds keyed state of operator {node.Description} written with MaxParallelism {keyed.MaxParallelism}, " +
                    $"but the job now has MaxParallelism {graph.MaxParallelism}. Key groups cannot be re-split; restore with MaxParallelism = {keyed.MaxParallelism}.");
            }

            var operatorStates = states.Where(s => s.Kind == StateKinds.Operator).ToList();
            if (operatorStates.Count > node.ResolvedParallelism)
            {
                logger.LogWarning(
                    "Operator {Operator} had operator state in {Old} subtasks but now runs {New}; the state of subtasks {From}..{To} is not restored.",
                    node.Description,
                    operatorStates.Count,
                    node.ResolvedParallelism,
                    node.ResolvedParallelism,
                    operatorStates.Count - 1);
            }
        }

        return new StateAssignment(checkpoint, graph.MaxParallelism, byOperator);
    }

    /// <summary>The state one new subtask restores from, or <see langword="null"/> when it starts empty.</summary>
    public SubtaskRestoreState? For(StreamNode node, int subtaskIndex)
    {
        if (_checkpoint is null || !_byOperator.TryGetValue(node.OperatorId, out var states))
        {
            return null;
        }

        IEnumerable<OperatorSubtaskStateHandle> selected;
        if (node.IsKeyed)
        {
            var range = KeyGroupRange.ForSubtask(_maxParallelism, node.ResolvedParallelism, subtaskIndex);
            selected = states.Where(s => s.Kind == StateKinds.Keyed && s.KeyGroups is { } groups && groups.Overlaps(range));
        }
        else if (node.IsSource || node.IsSink)
        {
            selected = states.OrderBy(s => s.SubtaskIndex);
        }
        else
        {
            selected = states.Where(s => s.Kind == StateKinds.Operator && s.SubtaskIndex == subtaskIndex);
        }

        var files = selected.Select(s => _checkpoint.ReadStateFile(s.File)).ToList();
        return new SubtaskRestoreState(_checkpoint.Metadata.CheckpointId, files);
    }
}
