using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Kafka;
using StreamGen.Kafka.Serialization;
using StreamGen.Kafka.Sink;

namespace StreamGen.Hosting.Tests;

/// <summary>Configuration problems stop the host before the job runs, with one message naming each key, and exit code 2.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-startup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_keys_are_reported_with_the_nearest_known_key_and_nothing_runs()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Checkpointing:Intervall"] = "00:00:05",
            ["StreamGen:Kafka:BootstrapServer"] = "broker:9092",
            ["StreamGen:RestartStrategy:MaxAtempts"] = "3",
        });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Checkpointing:Intervall is not a StreamGen setting, so it would be ignored; did you mean StreamGen:Checkpointing:Interval?", message);
        Assert.Contains("StreamGen:Kafka:BootstrapServer is not a StreamGen setting, so it would be ignored; did you mean StreamGen:Kafka:BootstrapServers?", message);
        Assert.Contains("did you mean StreamGen:RestartStrategy:MaxAttempts?", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
        Assert.Null(job.Execution);
    }

    [Fact]
    public async Task Problems_of_different_kinds_are_reported_together_in_one_message()
    {
        Directory.CreateDirectory(_storage);
        var file = Path.Combine(_storage, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");

        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Checkpointing:Intervall"] = "00:00:05",
            ["StreamGen:Operators:cuont:Parallelism"] = "3",
            ["StreamGen:Checkpointing:StoragePath"] = Path.Combine(file, "checkpoints"),
        });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Checkpointing:Intervall is not a StreamGen setting", message);
        Assert.Contains("StreamGen:Operators:cuont names uid 'cuont'", message);
        Assert.Contains("StreamGen:Checkpointing:StoragePath is", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
    }

    [Fact]
    public async Task A_key_far_from_every_option_lists_the_keys_of_its_section()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new() { ["StreamGen:Api:Password"] = "x" });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Api:Password is not a StreamGen setting", message);
        Assert.Contains("the keys here are StreamGen:Api:Enabled, StreamGen:Api:Urls, StreamGen:Api:Token", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
    }

    [Fact]
    public async Task Open_sections_take_any_key_librdkafka_properties_operator_uids_and_the_s3_section()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Kafka:Properties:security.protocol"] = "plaintext",
            ["StreamGen:Kafka:Properties:socket.keepalive.enable"] = "true",
            ["StreamGen:Operators:count:Parallelism"] = "3",
            ["StreamGen:S3:ServiceUrl"] = "http://127.0.0.1:9000",
        });

        Assert.Empty(logs.AtLeast(LogLevel.Error));
        Assert.Null(job.ExitCode);
        Assert.NotNull(job.Execution);
    }

    [Fact]
    public async Task Keys_inside_an_open_section_entry_are_still_checked()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new() { ["StreamGen:Operators:count:Paralelism"] = "3" });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Operators:count:Paralelism is not a StreamGen setting, so it would be ignored; did you mean StreamGen:Operators:count:Parallelism?", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_one_message_naming_the_key_and_the_expected_form_without_a_stack_trace()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Checkpointing:Interval"] = "fast",
            ["StreamGen:Checkpointing:Mode"] = "Sometimes",
            ["StreamGen:Checkpointing:Retained"] = "three",
        });

        var entry = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Null(entry.Exception);
        Assert.Contains("StreamGen:Checkpointing:Interval is 'fast', which is not a duration as [d.]hh:mm:ss[.fff], e.g. 00:00:10", entry.Message);
        Assert.Contains("StreamGen:Checkpointing:Mode is 'Sometimes', which is not one of ExactlyOnce, AtLeastOnce", entry.Message);
        Assert.Contains("StreamGen:Checkpointing:Retained is 'three', which is not a whole number", entry.Message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
    }

    [Fact]
    public async Task Out_of_range_values_still_fail_naming_each_key()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Checkpointing:Interval"] = "-00:00:01",
            ["StreamGen:Checkpointing:Retained"] = "0",
            ["StreamGen:Kafka:BootstrapServers"] = "localhost",
        });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Checkpointing:Interval", message);
        Assert.Contains("StreamGen:Checkpointing:Retained", message);
        Assert.Contains("StreamGen:Kafka:BootstrapServers", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
    }

    [Fact]
    public async Task Operator_parallelism_comes_from_configuration_by_uid()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Operators:count:Parallelism"] = "3",
            ["StreamGen:Operators:numbers:Parallelism"] = "1",
        });

        Assert.Null(job.ExitCode);
        var parallelism = job.Graph!.Operators.ToDictionary(o => o.OperatorId, o => o.Parallelism);
        Assert.Equal(3, parallelism["count"]);
        Assert.Equal(1, parallelism["numbers"]);
        Assert.Equal(3, parallelism["out"]); // the sink inherits its input's parallelism, as in code
        Assert.Contains(logs.Entries, e => e.Message.Contains("Operator 'count': parallelism 3 from configuration (code: 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_operator_uid_is_an_error_suggesting_the_nearest_uid()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new()
        {
            ["StreamGen:Operators:cuont:Parallelism"] = "3",
            ["StreamGen:Operators:numbers:Parallelism"] = "0",
        });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Operators:cuont names uid 'cuont', but job 'startup-test' has no operator with that uid; did you mean 'count'?", message);
        Assert.Contains("StreamGen:Operators:numbers:Parallelism must be at least 1 (got 0).", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
        Assert.Null(job.Graph);
    }

    [Fact]
    public async Task An_unwritable_storage_path_is_an_error_naming_the_key_and_the_path()
    {
        Directory.CreateDirectory(_storage);
        var file = Path.Combine(_storage, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var path = Path.Combine(file, "checkpoints"); // unwritable even for root: its parent is a file

        var (job, logs) = await StartupCheck.RunAsync(_storage, new() { ["StreamGen:Checkpointing:StoragePath"] = path });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains($"StreamGen:Checkpointing:StoragePath is '{path}'", message);
        Assert.Contains("where checkpoints cannot be written", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
        Assert.Null(job.Execution);
    }

    [Fact]
    public async Task An_object_store_location_without_its_storage_package_is_an_error_not_a_local_folder()
    {
        var (job, logs) = await StartupCheck.RunAsync(_storage, new() { ["StreamGen:Checkpointing:StoragePath"] = "s3://bucket/prefix" });

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("StreamGen:Checkpointing:StoragePath is 's3://bucket/prefix', but no checkpoint storage handles s3:// locations", message);
        Assert.Contains("AddS3CheckpointStorage", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
        Assert.False(Directory.Exists("s3:"), "a local folder named after the scheme was created");
    }

    [Fact]
    public async Task A_kafka_sink_transaction_timeout_shorter_than_interval_plus_checkpoint_timeout_fails_at_startup()
    {
        var (job, logs) = await StartupCheck.RunAsync(
            _storage,
            new()
            {
                ["StreamGen:Checkpointing:Interval"] = "00:00:10",
                ["StreamGen:Checkpointing:Timeout"] = "00:00:30",
                ["StreamGen:Kafka:BootstrapServers"] = "127.0.0.1:1", // never contacted: startup fails first
            },
            builder => builder
                .From(new ReplayableSource<string>(1, 10, (_, index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToKafka("counts", configure: o => o.TransactionTimeout = TimeSpan.FromSeconds(20)).Uid("to-kafka"));

        var message = Assert.Single(logs.AtLeast(LogLevel.Error));
        Assert.Contains("Kafka sink 'to-kafka' for topic 'counts': its transaction timeout (00:00:20) must exceed the checkpoint interval (00:00:10) plus the checkpoint timeout (00:00:30) (StreamGen:Checkpointing:Interval and StreamGen:Checkpointing:Timeout)", message);
        Assert.Equal(ExitCodes.InvalidConfiguration, job.ExitCode);
        Assert.Null(job.Execution);
    }

    [Fact]
    public async Task An_at_least_once_kafka_sink_has_no_transaction_to_time_out()
    {
        var sink = new KafkaSink<string>(new KafkaClusterOptions(), new KafkaSinkOptions { Topic = "counts", TransactionTimeout = TimeSpan.FromSeconds(1) }, KafkaSerializers.Utf8, null);

        Assert.Empty(sink.Validate("to-kafka", new() { Mode = Checkpointing.CheckpointingMode.AtLeastOnce }));
        Assert.Single(sink.Validate("to-kafka", new() { Mode = Checkpointing.CheckpointingMode.ExactlyOnce }));
    }
}
