using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using WordCount;

// Two roles in one program:
//   dotnet run                 the demo: embedded Kafka, input, the job as a child process, a crash, recovery, a check
//   dotnet run -- --worker     the job itself on the generic host (what a user deploys); add
//                              --WordCount:ConsoleMetrics=true to print StreamGen's metrics every 10 s (OpenTelemetry)
if (args.Contains("--worker"))
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args.Where(a => a != "--worker").ToArray(),
        ContentRootPath = AppContext.BaseDirectory,
    });
    var input = builder.Configuration["WordCount:InputTopic"] ?? "words";
    var output = builder.Configuration["WordCount:OutputTopic"] ?? "counts";
    builder.Services.AddStreamGen(builder.Configuration, job => WordCountJob.Define(job, input, output));
    builder.Services.AddS3CheckpointStorage(); // lets StreamGen:Checkpointing:StoragePath be s3://bucket/prefix
    if (builder.Configuration.GetValue<bool>("WordCount:ConsoleMetrics"))
    {
        // StreamGen's meters through OpenTelemetry; a real deployment adds an OTLP or Prometheus exporter instead.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddStreamGenInstrumentation()
            .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
    }
    await builder.Build().RunAsync();
    return Environment.ExitCode;
}

return await Demo.RunAsync(args);
