using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Connectors;

namespace StreamGen.Graph;

/// <summary>Attempt-wide settings used while creating the operators of a task.</summary>
internal sealed class TaskBuildContext
{
    public TaskBuildContext(string jobName, int batchSize, CheckpointingMode mode, ILoggerFactory loggerFactory, CancellationToken cancellation)
    {
        JobName = jobName;
        BatchSize = batchSize;
        Mode = mode;
        LoggerFactory = loggerFactory;
        Cancellation = cancellation;
    }

    public string JobName { get; }

    public int BatchSize { get; }

    public CheckpointingMode Mode { get; }

    public ILoggerFactory LoggerFactory { get; }

    public CancellationToken Cancellation { get; }

    public ConnectorContext ConnectorContext(OperatorRuntimeContext runtime) => new(runtime, LoggerFactory, Mode, JobName, Cancellation);
}
