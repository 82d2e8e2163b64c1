namespace StreamGen.Checkpointing;

/// <summary>How and when checkpoints are taken (configuration section <c>StreamGen:Checkpointing</c>).</summary>
public sealed class CheckpointConfig
{
    /// <summary>Aligned (exactly-once) or unaligned-free at-least-once barriers. Default exactly-once.</summary>
    public CheckpointingMode Mode { get; set; } = CheckpointingMode.ExactlyOnce;

    /// <summary>Time between periodic checkpoints; <see langword="null"/> disables periodic checkpoints (manual and final ones still happen).</summary>
    public TimeSpan? Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A checkpoint not complete after this long is aborted. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Least time between the end of one checkpoint and the trigger of the next periodic one.</summary>
    public TimeSpan MinPauseBetweenCheckpoints { get; set; } = TimeSpan.Zero;

    /// <summary>Checkpoints that may be in progress at once. Default 1.</summary>
    public int MaxConcurrentCheckpoints { get; set; } = 1;

    /// <summary>Consecutive failed checkpoints tolerated before the job fails over. Default unlimited.</summary>
    public int TolerableCheckpointFailures { get; set; } = int.MaxValue;

    /// <summary>Complete checkpoints kept in storage (savepoints are never deleted). Default 3.</summary>
    public int RetainedCheckpoints { get; set; } = 3;

    internal void Validate()
    {
        if (Interval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), interval, "Checkpoint interval must be positive, or null to disable periodic checkpoints.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentCheckpoints, 1, nameof(MaxConcurrentCheckpoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetainedCheckpoints, 1, nameof(RetainedCheckpoints));
        ArgumentOutOfRangeException.ThrowIfNegative(TolerableCheckpointFailures, nameof(TolerableCheckpointFailures));
    }
}
