using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamGen.Graph;
using StreamGen.Hosting;
using StreamGen.Hosting.Api;
using StreamGen.Hosting.Configuration;
using StreamGen.Hosting.Health;

// Extension methods on IServiceCollection live in its namespace so they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a StreamGen job on the generic host.</summary>
public static class StreamGenServiceCollectionExtensions
{
    /// <summary>
    /// Runs the job defined by <paramref name="configureJob"/> as a hosted service, configured from the
    /// <c>StreamGen</c> section of <paramref name="configuration"/>, with a health check named <c>streamgen</c>
    /// and, unless disabled, the REST API and dashboard. The configuration, the job graph and the checkpoint
    /// storage are checked when the host starts, before any hosted service runs; a problem is logged naming the
    /// key and the host stops with exit code <see cref="ExitCodes.InvalidConfiguration"/>.
    /// </summary>
    public static IServiceCollection AddStreamGen(this IServiceCollection services, IConfiguration configuration, Action<JobBuilder> configureJob)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configureJob);
        // Bound for application code that reads the options; the host itself reads and checks the section in
        // StreamGenJobStartup, which reports every bad key at once instead of throwing on the first.
        services.AddOptions<StreamGenOptions>().Bind(configuration.GetSection(StreamGenOptions.SectionName));
        services.AddSingleton<IValidateOptions<StreamGenOptions>, StreamGenOptionsValidator>();
        services.AddSingleton(new JobDefinition(configuration, configureJob));
        services.AddSingleton<StreamGenJob>();
        services.AddHostedService<StreamGenJobStartup>();
        services.AddHostedService<StreamGenJobService>();
        services.AddHostedService<StreamGenApiService>();
        services.AddHealthChecks().AddCheck<StreamGenHealthCheck>("streamgen");
        return services;
    }
}
