using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Checkpointing;
using StreamGen.Storage;

namespace StreamGen.Recovery;

/// <summary>How a job runs: checkpointing, storage, recovery and channel tuning.</summary>
public sealed class JobExecutionOptions
{
    /// <summary>Where checkpoints and savepoints are stored. Required.</summary>
    public ICheckpointStorage? Storage { get; set; }

    /// <summary>Checkpoint mode, interval, timeout, concurrency and retention.</summary>
    public CheckpointConfig Checkpointing { get; set; } = new();

    /// <summary>What happens after a failure. Default: 3 restarts, 1 second apart.</summary>
    public RestartStrategy RestartStrategy { get; set; } = RestartStrategy.FixedDelay(3, TimeSpan.FromSeconds(1));

    /// <summary>
    /// A savepoint (or retained checkpoint) path to start from. A restart (after a failure, or of the process
    /// with this option still set) instead uses the newest complete checkpoint that continued from this
    /// snapshot, so it never rewinds; checkpoints of other runs never win over it. While this names a
    /// snapshot that cannot be read, the job fails at once.
    /// </summary>
    public string? RestoreFromSavepoint { get; set; }

    /// <summary>Start even if the checkpoint holds state of operators that no longer exist (that state is dropped).</summary>
    public bool AllowNonRestoredState { get; set; }

    /// <summary>
    /// Start with empty state even though the storage shows that an earlier run had state that can no longer be
    /// restored (every checkpoint damaged, a completion marker without checkpoints, only savepoints), or a source
    /// reports positions an earlier run committed (<see cref="Connectors.ICommittedPositionsSource"/>). Off by
    /// default: then the job refuses to start, naming what it found, because starting from nothing while
    /// sources resume mid-stream produces wrong output silently.
    /// </summary>
    public bool AllowFreshStart { get; set; }

    /// <summary>Records per channel batch. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Batches a channel holds before its producer blocks (backpressure). Default 8.</summary>
    public int ChannelCapacity { get; set; } = 8;

    /// <summary>Longest time a partially filled batch waits before it is sent. Default 10 ms.</summary>
    public TimeSpan BufferTimeout { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Buffer debloating: the time of data each task's input channels hold, together. Every task measures how fast it
    /// consumes and shrinks its input batches so that about this much is queued, which bounds how long a checkpoint
    /// barrier waits behind records at each unchained stage (see docs/checkpointing.md, "Sizing"). Only slow consumers
    /// are affected; a fast one keeps <see cref="BatchSize"/>. Default 1 second; <see langword="null"/> turns it off,
    /// leaving <see cref="ChannelCapacity"/> × <see cref="BatchSize"/> records per channel whatever the consumer's speed.
    /// </summary>
    public TimeSpan? BufferDebloatTarget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Loggers for the runtime and connectors. Null (the default) logs to the console at
    /// <see cref="LogLevel.Information"/>, so a job started outside a host still shows its restarts and
    /// failures; the generic host passes its own factory. <see cref="NullLoggerFactory.Instance"/> silences it.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        if (Storage is null)
        {
            throw new InvalidOperationException("JobExecutionOptions.Storage is not set. Set it to e.g. new FileSystemCheckpointStorage(\"/var/lib/myjob/checkpoints\").");
        }

        Checkpointing.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChannelCapacity, 1, nameof(ChannelCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferTimeout, TimeSpan.Zero, nameof(BufferTimeout));
        if (BufferDebloatTarget is { } target)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero, nameof(BufferDebloatTarget));
        }
    }
}
