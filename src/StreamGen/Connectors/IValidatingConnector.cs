using StreamGen.Checkpointing;

namespace StreamGen.Connectors;

/// <summary>
/// A source or sink whose settings must fit the job's checkpoint settings (e.g. a transactional sink's
/// transaction timeout against the checkpoint interval). The host checks every connector through
/// <see cref="Graph.JobGraph.ValidateConnectors"/> before the job runs, so a misfit fails at startup instead
/// of after the first attempt and its restarts.
/// </summary>
public interface IValidatingConnector
{
    /// <summary>Problems with this connector's settings under <paramref name="checkpointing"/>; empty when none.</summary>
    /// <param name="operatorId">The id of the operator the connector runs as, to name it in messages.</param>
    /// <param name="checkpointing">The job's checkpoint settings.</param>
    /// <returns>One message per problem, each naming the setting and what to change.</returns>
    IEnumerable<string> Validate(string operatorId, CheckpointConfig checkpointing);
}
