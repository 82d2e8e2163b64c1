using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamGen.Checkpointing;
using StreamGen.Graph;
using StreamGen.Hosting.Configuration;
using StreamGen.Kafka;
using StreamGen.Recovery;
using StreamGen.Storage;

namespace StreamGen.Hosting;

/// <summary>
/// Checks everything the job needs before any hosted service starts: the <c>StreamGen</c> section (unknown keys,
/// values of the wrong type, ranges), per-operator overrides, the job graph, connectors against the checkpoint
/// settings, and that the checkpoint storage can be written. On a problem it logs one message naming each key,
/// sets the exit code to <see cref="ExitCodes.InvalidConfiguration"/> and stops the host — without throwing, so
/// <c>RunAsync</c> returns normally instead of the process aborting with an unhandled exception.
/// </summary>
internal sealed partial class StreamGenJobStartup(
    JobDefinition definition,
    StreamGenJob job,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IEnumerable<ICheckpointStorageProvider> storageProviders,
    ILoggerFactory loggerFactory) : IHostedLifecycleService
{
    private const string StoragePathKey = StreamGenOptions.SectionName + ":Checkpointing:StoragePath";
    private readonly ILogger _logger = loggerFactory.CreateLogger("StreamGen.Hosting");

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            Prepare(problems);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The user's job definition threw: its stack trace is the useful part, logged once.
            LogDefinitionFailed(ex);
            Fail();
            return Task.CompletedTask;
        }

        if (problems.Count > 0)
        {
            LogInvalid(problems.Count == 1 ? problems[0] : string.Concat(problems.Select(p => Environment.NewLine + "  " + p)));
            Fail();
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Fail()
    {
        job.Storage = null;
        job.Prepared = null;
        job.ReportExitCode(ExitCodes.InvalidConfiguration);
        lifetime.StopApplication();
    }

    private void Prepare(List<string> problems)
    {
        if (StreamGenConfigurationReader.Read(definition.Configuration, problems) is not { } o)
        {
            return;
        }

        var invalid = new StreamGenOptionsValidator().Validate(null, o);
        if (invalid.Failed)
        {
            problems.AddRange(invalid.Failures);
            return; // the values below (intervals, timeouts) are not sound enough to check the graph against
        }

        var builder = new JobBuilder(o.JobName ?? environment.ApplicationName);

        // The job's cluster (its default comes from STREAMGEN_KAFKA_BOOTSTRAP or localhost), overridden by configuration.
        var cluster = builder.KafkaCluster();
        if (o.Kafka.BootstrapServers is { Length: > 0 } servers)
        {
            cluster.BootstrapServers = servers;
        }

        foreach (var (key, value) in o.Kafka.Properties)
        {
            cluster.Properties[key] = value;
        }

        definition.Configure(builder);
        ApplyOperatorOverrides(builder, o, problems);
        JobGraph graph;
        try
        {
            graph = builder.Build();
        }
        catch (JobGraphException ex)
        {
            problems.Add(ex.Message);
            return;
        }

        var checkpointing = new CheckpointConfig
        {
            Mode = o.Checkpointing.Mode,
            Interval = o.Checkpointing.Enabled ? o.Checkpointing.Interval : null,
            Timeout = o.Checkpointing.Timeout,
            MinPauseBetweenCheckpoints = o.Checkpointing.MinPause,
            MaxConcurrentCheckpoints = o.Checkpointing.MaxConcurrent,
            RetainedCheckpoints = o.Checkpointing.Retained,
            TolerableCheckpointFailures = o.Checkpointing.TolerableFailures,
        };
        problems.AddRange(graph.ValidateConnectors(checkpointing));
        var storage = CreateStorage(o.Checkpointing.StoragePath, problems);
        if (problems.Count > 0 || storage is null)
        {
            (storage as IDisposable)?.Dispose();
            return;
        }

        job.Graph = graph;
        job.Storage = storage;
        job.Prepared = new PreparedJob(o, cluster.BootstrapServers, new JobExecutionOptions
        {
            Storage = storage,
            Checkpointing = checkpointing,
            RestartStrategy = o.RestartStrategy.Type switch
            {
                RestartStrategyKind.None => RestartStrategy.None,
                RestartStrategyKind.FixedDelay => RestartStrategy.FixedDelay(o.RestartStrategy.MaxAttempts, o.RestartStrategy.Delay),
                _ => RestartStrategy.ExponentialBackoff(o.RestartStrategy.InitialBackoff, o.RestartStrategy.MaxBackoff, o.RestartStrategy.Multiplier, o.RestartStrategy.MaxAttempts),
            },
            RestoreFromSavepoint = string.IsNullOrEmpty(o.RestoreFrom) ? null : o.RestoreFrom,
            AllowNonRestoredState = o.AllowNonRestoredState,
            AllowFreshStart = o.AllowFreshStart,
            LoggerFactory = loggerFactory,
        });
    }

    /// <summary><c>StreamGen:Operators:&lt;uid&gt;</c>: applied to the builder before the graph is compiled, so chaining follows.</summary>
    private void ApplyOperatorOverrides(JobBuilder builder, StreamGenOptions o, List<string> problems)
    {
        var uids = builder.Nodes.Where(n => n.Uid is not null).Select(n => n.Uid!).ToList();
        foreach (var (uid, settings) in o.Operators)
        {
            var key = $"{StreamGenOptions.SectionName}:Operators:{uid}";
            var node = builder.Nodes.FirstOrDefault(n => n.Uid == uid);
            if (node is null)
            {
                var hint = StreamGenConfigurationReader.Nearest(uid, uids) is { } nearest ? $"did you mean '{nearest}'?"
                    : uids.Count > 0 ? "its operators with a uid are " + string.Join(", ", uids.Select(u => $"'{u}'")) + "."
                    : "none of its operators has one; set them with .Uid(\"…\").";
                problems.Add($"{key} names uid '{uid}', but job '{builder.Name}' has no operator with that uid; {hint}");
                continue;
            }

            if (settings.Parallelism is { } parallelism)
            {
                if (parallelism < 1)
                {
                    problems.Add($"{key}:Parallelism must be at least 1 (got {parallelism}).");
                    continue;
                }

                LogParallelismOverride(uid, node.Parallelism, parallelism);
                node.Parallelism = parallelism;
            }
        }
    }

    private ICheckpointStorage? CreateStorage(string location, List<string> problems)
    {
        var provider = storageProviders.FirstOrDefault(p => p.CanHandle(location));
        if (provider is null && location.IndexOf("://", StringComparison.Ordinal) is > 1 and var end)
        {
            problems.Add($"{StoragePathKey} is '{location}', but no checkpoint storage handles {location[..end]}:// locations. " +
                "For s3:// add the StreamGen.Storage.S3 package and call services.AddS3CheckpointStorage().");
            return null;
        }

        var where = provider is null ? $"'{location}' ({Path.GetFullPath(location)})" : $"'{location}'";
        try
        {
            if (provider is not null)
            {
                return provider.Create(location, loggerFactory);
            }

            var storage = new FileSystemCheckpointStorage(location, loggerFactory.CreateLogger("StreamGen.Storage"));
            ProbeWritable(storage.RootPath);
            return storage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"{StoragePathKey} is {where}, where checkpoints cannot be written: {ex.Message}");
            return null;
        }
    }

    /// <summary>Creating the directory is not enough: a read-only mount or missing permission shows only on the first write.</summary>
    private static void ProbeWritable(string directory)
    {
        var probe = Path.Combine(directory, $".streamgen-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, [0]);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    [LoggerMessage(10, LogLevel.Critical, "StreamGen cannot start: {Problems}")]
    private partial void LogInvalid(string problems);

    [LoggerMessage(11, LogLevel.Critical, "StreamGen cannot start: the job definition failed")]
    private partial void LogDefinitionFailed(Exception exception);

    [LoggerMessage(12, LogLevel.Information, "Operator '{Uid}': parallelism {Parallelism} from configuration (code: {CodeParallelism})")]
    private partial void LogParallelismOverride(string uid, int? codeParallelism, int parallelism);
}
