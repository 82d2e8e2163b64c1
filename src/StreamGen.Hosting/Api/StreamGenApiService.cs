using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StreamGen.Hosting.Api;

/// <summary>Starts and stops the REST API and dashboard with the host.</summary>
internal sealed class StreamGenApiService(
    StreamGenJob job,
    HealthCheckService health,
    ILoggerFactory loggerFactory) : IHostedService
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (job.Prepared?.Options.Api is not { Enabled: true } api)
        {
            return; // disabled, or startup validation failed and the host is stopping
        }

        _app = StreamGenApi.Build(api, job, health, loggerFactory);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        job.ApiUrls = _app.Urls.ToList();
        loggerFactory.CreateLogger("StreamGen.Hosting").LogInformation("StreamGen dashboard and REST API on {Urls}", string.Join(", ", _app.Urls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
