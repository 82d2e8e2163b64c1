using StreamGen.Checkpointing;
using StreamGen.Execution;

namespace StreamGen.Graph;

internal static class NodeInputs
{
    /// <summary>Collects the channels that feed one consumer subtask, over all input edges, into one input processor.</summary>
    public static ITaskInput Create<TIn>(IReadOnlyList<EdgeChannels> inputEdges, int subtaskIndex, ChainedOperator head, CheckpointingMode mode, StreamTask task)
    {
        var channels = new List<InputChannel<TIn>>();
        foreach (var edge in inputEdges)
        {
            channels.AddRange(((EdgeChannels<TIn>)edge).ForConsumer(subtaskIndex));
        }

        return new InputProcessor<TIn>(channels.ToArray(), (IOutput<TIn>)head, mode, task);
    }
}
