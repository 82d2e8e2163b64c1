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
    /// <c>StreamGen</c> section of <paramref name="configuration"/> (validated at startup), with a health
    /// check named <c>streamgen</c> and, unless disabled, the REST API and dashboard.
    /// </summary>
    public static IServiceCollection AddStreamGen(this IServiceCollection services, IConfiguration configuration, Action<JobBuilder> configureJob)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configureJob);
        services.AddOptions<StreamGenOptions>()
            .Bind(configuration.GetSection(StreamGenOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamGenOptions>, StreamGenOptionsValidator>();
        services.AddSingleton(new JobDefinition(configureJob));
        services.AddSingleton<StreamGenJob>();
        services.AddHostedService<StreamGenJobService>();
        services.AddHostedService<StreamGenApiService>();
        services.AddHealthChecks().AddCheck<StreamGenHealthCheck>("streamgen");
        return services;
    }
}
