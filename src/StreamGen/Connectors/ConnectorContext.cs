using Microsoft.Extensions.Logging;

namespace StreamGen.Connectors;

/// <summary>What a source reader or sink writer learns about the subtask it runs as.</summary>
/// <param name="Runtime">Operator id, subtask index, parallelism and attempt number.</param>
/// <param name="LoggerFactory">Creates loggers for the connector.</param>
/// <param name="CheckpointingMode">The job's checkpointing mode (a sink may only need transactions in exactly-once mode).</param>
/// <param name="JobName">The job name, e.g. for transactional id prefixes.</param>
/// <param name="Cancellation">Cancelled when the job attempt is torn down; blocking connector calls should observe it.</param>
/// <param name="Checkpointing">The job's checkpoint settings (a transactional sink checks its transaction timeout against the interval).</param>
/// <param name="RequestCheckpoint">
/// Asks for a checkpoint now rather than at the next interval, e.g. when a sink's uncommitted epoch grows large
/// (during a catch-up after a restart). Ignored while a checkpoint is in progress (its barrier ends the epoch anyway)
/// or when periodic checkpoints are off. Safe to call from the task thread.
/// </param>
public sealed record ConnectorContext(
    OperatorRuntimeContext Runtime,
    ILoggerFactory LoggerFactory,
    Checkpointing.CheckpointingMode CheckpointingMode,
    string JobName,
    CancellationToken Cancellation,
    Checkpointing.CheckpointConfig? Checkpointing = null,
    Action? RequestCheckpoint = null);
