using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>What a task needs from the job attempt it belongs to.</summary>
internal interface ITaskEnvironment
{
    /// <summary>Cancelled when the attempt is torn down (a failure elsewhere, or job cancellation).</summary>
    CancellationToken Cancellation { get; }

    ILogger Logger { get; }

    /// <summary>Longest time a partially filled output batch may wait before it is sent.</summary>
    int BufferTimeoutMilliseconds { get; }

    /// <summary>The task failed: the attempt fails over.</summary>
    void ReportFailure(StreamTask task, Exception exception);

    /// <summary>A source task's bounded input is exhausted; it now waits for the final checkpoint.</summary>
    void ReportSourceFinished(StreamTask task);

    /// <summary>
    /// The synchronous part of <paramref name="task"/>'s snapshot is done and the barrier forwarded:
    /// serialise and store <paramref name="parts"/> off the task thread, then acknowledge.
    /// </summary>
    void CompleteSnapshotAsynchronously(StreamTask task, CheckpointBarrier barrier, List<StateSnapshotPart> parts, TimeSpan alignment, TimeSpan synchronousDuration);

    /// <summary>The task cannot take part in <paramref name="checkpointId"/> (e.g. its alignment was overtaken).</summary>
    void DeclineCheckpoint(StreamTask task, long checkpointId, Exception cause);
}
