namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen</c> configuration section (appsettings.json or <c>StreamGen__…</c> environment variables).</summary>
public sealed class StreamGenOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "StreamGen";

    /// <summary>The job name (checkpoint metadata, metrics, Kafka group and transactional ids). Default: the application name.</summary>
    public string? JobName { get; set; }

    /// <summary>Checkpoint interval, mode, timeout, retention and storage.</summary>
    public CheckpointingOptions Checkpointing { get; set; } = new();

    /// <summary>What happens after a task fails.</summary>
    public RestartStrategyOptions RestartStrategy { get; set; } = new();

    /// <summary>
    /// A savepoint or checkpoint directory to start from. Restarts (of the job or the process, with this still
    /// set) use the newest checkpoint that continued from it instead, so they never rewind.
    /// </summary>
    public string? RestoreFrom { get; set; }

    /// <summary>Allow restoring a savepoint that holds state of operators the job no longer has.</summary>
    public bool AllowNonRestoredState { get; set; }

    /// <summary>
    /// Start with empty state although the checkpoint storage shows that an earlier run had state that no longer
    /// restores (or a source reports offsets an earlier run committed). Off by default: the job then refuses to
    /// start and names what it found.
    /// </summary>
    public bool AllowFreshStart { get; set; }

    /// <summary>Take a savepoint when the host stops (SIGTERM, Ctrl+C) before stopping the job.</summary>
    public bool SavepointOnShutdown { get; set; }

    /// <summary>The Kafka cluster used by <c>FromKafka</c>/<c>ToKafka</c>.</summary>
    public KafkaConnectionOptions Kafka { get; set; } = new();

    /// <summary>
    /// Per-operator settings keyed by operator uid, e.g. <c>StreamGen:Operators:count:Parallelism=4</c>. A uid the
    /// job does not have is an error at startup.
    /// </summary>
    public Dictionary<string, OperatorOptions> Operators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The REST API and dashboard.</summary>
    public ApiOptions Api { get; set; } = new();
}
