using Microsoft.Extensions.Options;

namespace StreamGen.Hosting.Configuration;

/// <summary>Checks <see cref="StreamGenOptions"/> at startup; every message names the configuration key to fix.</summary>
internal sealed class StreamGenOptionsValidator : IValidateOptions<StreamGenOptions>
{
    private const string Prefix = StreamGenOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, StreamGenOptions options)
    {
        var errors = new List<string>();
        var c = options.Checkpointing;
        Positive(errors, "Checkpointing:Interval", c.Interval);
        Positive(errors, "Checkpointing:Timeout", c.Timeout);
        if (c.MinPause < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}Checkpointing:MinPause must not be negative (got {c.MinPause}).");
        }

        if (c.MaxConcurrent < 1)
        {
            errors.Add($"{Prefix}Checkpointing:MaxConcurrent must be at least 1 (got {c.MaxConcurrent}).");
        }

        if (c.Retained < 1)
        {
            errors.Add($"{Prefix}Checkpointing:Retained must be at least 1 (got {c.Retained}).");
        }

        if (c.TolerableFailures < 0)
        {
            errors.Add($"{Prefix}Checkpointing:TolerableFailures must not be negative (got {c.TolerableFailures}).");
        }

        if (string.IsNullOrWhiteSpace(c.StoragePath))
        {
            errors.Add($"{Prefix}Checkpointing:StoragePath must name a directory, or an object-store location such as s3://bucket/prefix.");
        }

        var r = options.RestartStrategy;
        if (r.MaxAttempts < 0)
        {
            errors.Add($"{Prefix}RestartStrategy:MaxAttempts must not be negative (got {r.MaxAttempts}).");
        }

        if (r.Type == RestartStrategyKind.FixedDelay && r.Delay < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}RestartStrategy:Delay must not be negative (got {r.Delay}).");
        }

        if (r.Type == RestartStrategyKind.ExponentialBackoff)
        {
            Positive(errors, "RestartStrategy:InitialBackoff", r.InitialBackoff);
            if (r.MaxBackoff < r.InitialBackoff)
            {
                errors.Add($"{Prefix}RestartStrategy:MaxBackoff ({r.MaxBackoff}) must not be less than InitialBackoff ({r.InitialBackoff}).");
            }

            if (r.Multiplier < 1)
            {
                errors.Add($"{Prefix}RestartStrategy:Multiplier must be at least 1 (got {r.Multiplier}).");
            }
        }

        if (options.Kafka.BootstrapServers is { } servers && servers.Split(',').Any(s => !IsHostPort(s.Trim())))
        {
            errors.Add($"{Prefix}Kafka:BootstrapServers must be a comma-separated list of host:port (got '{servers}').");
        }

        if (options.Api.Enabled && !Uri.TryCreate(options.Api.Urls.Split(';')[0], UriKind.Absolute, out _))
        {
            errors.Add($"{Prefix}Api:Urls must be an absolute URL such as http://127.0.0.1:8081 (got '{options.Api.Urls}').");
        }

        // An object-store location (s3://…) is checked by its storage when the job restores.
        if (options.RestoreFrom is { Length: > 0 } restore && !restore.Contains("://", StringComparison.Ordinal) && !Directory.Exists(restore))
        {
            errors.Add($"{Prefix}RestoreFrom names '{restore}', which is not a directory.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}{key} must be positive, e.g. \"00:00:10\" (got {value}).");
        }
    }

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}
