using StreamGen.Checkpointing;

namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen:Checkpointing</c> section.</summary>
public sealed class CheckpointingOptions
{
    /// <summary>Whether periodic checkpoints are taken.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between checkpoint triggers.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>ExactlyOnce</c> (aligned barriers) or <c>AtLeastOnce</c>.</summary>
    public CheckpointingMode Mode { get; set; } = CheckpointingMode.ExactlyOnce;

    /// <summary>A checkpoint not complete after this long is aborted (the job keeps running).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Minimum time between the end of one checkpoint and the start of the next.</summary>
    public TimeSpan MinPause { get; set; } = TimeSpan.Zero;

    /// <summary>Checkpoints that may be in progress at once.</summary>
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>Complete checkpoints kept; older ones are deleted once a newer one completes.</summary>
    public int Retained { get; set; } = 3;

    /// <summary>Consecutive checkpoint failures tolerated before the job fails over.</summary>
    public int TolerableFailures { get; set; } = 3;

    /// <summary>Directory of checkpoints and savepoints.</summary>
    public string StoragePath { get; set; } = "checkpoints";
}
