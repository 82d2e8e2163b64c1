using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Connectors;

namespace StreamGen.Graph;

/// <summary>Attempt-wide settings used while creating the operators of a task.</summary>
internal sealed class TaskBuildContext
{
    public TaskBuildContext(string jobName, int batchSize, CheckpointConfig checkpointing, ILoggerFactory loggerFactory, CancellationToken cancellation, Action? requestCheckpoint = null)
    {
        RequestCheckpoint = requestCheckpoint;
        JobName = jobName;
        BatchSize = batchSize;
        Checkpointing = checkpointing;
        LoggerFactory = loggerFactory;
        Cancellation = cancellation;
    }

    public string JobName { get; }

    public int BatchSize { get; }

    public CheckpointConfig Checkpointing { get; }

    public CheckpointingMode Mode => Checkpointing.Mode;

    public ILoggerFactory LoggerFactory { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Triggers a checkpoint early (see <see cref="Connectors.ConnectorContext.RequestCheckpoint"/>).</summary>
    public Action? RequestCheckpoint { get; }

    public ConnectorContext ConnectorContext(OperatorRuntimeContext runtime) => new(runtime, LoggerFactory, Mode, JobName, Cancellation, Checkpointing, RequestCheckpoint);
}
