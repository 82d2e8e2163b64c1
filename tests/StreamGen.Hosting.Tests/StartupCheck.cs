using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamGen.Connectors;
using StreamGen.Graph;

namespace StreamGen.Hosting.Tests;

/// <summary>Starts a generic host with AddStreamGen and the given settings, and reports what startup decided.</summary>
internal static class StartupCheck
{
    /// <summary>The job of <see cref="TestHost"/>, short and bounded.</summary>
    public static void DefaultJob(JobBuilder job) => job
        .From(new ReplayableSource<int>(2, 200, (partition, index) => (int)((index + partition) % TestHost.Keys)), parallelism: 2).Uid("numbers")
        .KeyBy(n => n)
        .Process(() => new CountPerKey()).Uid("count").Parallelism(2)
        .To(new ExactlyOnceCollectingSink<(int Key, long Count)>(new CollectedOutput<(int Key, long Count)>())).Uid("out");

    /// <summary>
    /// Starts and stops the host; returns the job (its <see cref="StreamGenJob.ExitCode"/>, graph and storage) and the logs.
    /// Restores the process exit code, which the host sets for real processes, so the test run is not marked failed.
    /// </summary>
    public static async Task<(StreamGenJob Job, CapturedLogs Logs)> RunAsync(string storage, Dictionary<string, string?> settings, Action<JobBuilder>? configureJob = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamGen:JobName"] = "startup-test",
            ["StreamGen:Checkpointing:StoragePath"] = storage,
            ["StreamGen:Api:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddStreamGen(builder.Configuration, configureJob ?? DefaultJob);
        services?.Invoke(builder.Services);
        using var host = builder.Build();
        var job = host.Services.GetRequiredService<StreamGenJob>();
        try
        {
            await host.StartAsync();

            // Startup decides synchronously; a job that passed starts on the job service's own task.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (job.ExitCode is null && job.Execution is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await host.StopAsync();
        }
        finally
        {
            Environment.ExitCode = 0;
        }

        return (job, logs);
    }
}
