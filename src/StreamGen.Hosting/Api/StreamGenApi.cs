using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StreamGen.Diagnostics;
using StreamGen.Hosting.Configuration;
using StreamGen.Storage;

namespace StreamGen.Hosting.Api;

/// <summary>
/// The REST API and dashboard: a small Kestrel server beside the job, bound to loopback by default. Requests
/// with a <c>Host</c> that is not allowed are refused (<see cref="ApiAllowedHosts"/>), every response carries
/// security headers (<see cref="ApiSecurityHeaders"/>), and mutations are authorized by <see cref="ApiRequestGuard"/>.
/// </summary>
internal static class StreamGenApi
{
    public static WebApplication Build(ApiOptions options, StreamGenJob job, HealthCheckService? health, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = ApiAllowedHosts.Resolve(options.AllowedHosts, options.Urls);
            o.IncludeFailureMessage = false;
        });
        var app = builder.Build();
        var dashboard = LoadDashboard();
        app.UseHostFiltering();
        app.Use(new ApiSecurityHeaders(dashboard).InvokeAsync);
        Map(app, dashboard, options, job, health);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string dashboard, ApiOptions options, StreamGenJob job, HealthCheckService? health)
    {
        app.MapGet("/", () => Results.Content(dashboard, "text/html; charset=utf-8"));

        app.MapGet("/api/job", () =>
        {
            var execution = job.Execution;
            return Results.Json(
                new JobResponse(
                    job.Graph?.Name ?? execution?.JobName ?? "(not built)",
                    (execution?.Status ?? JobStatus.Initializing).ToString(),
                    execution?.RestartCount ?? 0,
                    execution?.LastFailure?.Message,
                    job.Graph?.Operators ?? []),
                ApiJsonContext.Default.JobResponse);
        });

        app.MapGet("/api/operators", () =>
        {
            if (job.Execution is not { } execution)
            {
                return NotRunning();
            }

            var subtasks = execution.GetOperatorMetrics();
            var totals = subtasks.GroupBy(s => (s.OperatorId, s.OperatorName))
                .Select(g => new OperatorTotals(g.Key.OperatorId, g.Key.OperatorName, g.Sum(s => s.RecordsIn), g.Sum(s => s.RecordsOut)))
                .ToList();
            return Results.Json(new OperatorsResponse(totals, subtasks, execution.GetChannelFill()), ApiJsonContext.Default.OperatorsResponse);
        });

        app.MapGet("/api/checkpoints", (HttpContext http) =>
        {
            if (job.Execution is not { } execution)
            {
                return NotRunning();
            }

            var stats = execution.GetCheckpointStats();
            if (!ApiRequestGuard.MaySeeStoragePaths(http, options))
            {
                stats = stats with
                {
                    LatestCompleted = HidePath(stats.LatestCompleted),
                    LatestFailed = HidePath(stats.LatestFailed),
                    LatestRestore = HidePath(stats.LatestRestore),
                    History = stats.History.Select(HidePath).ToList()!,
                };
            }

            return Results.Json(stats, ApiJsonContext.Default.CheckpointStatsSnapshot);
        });

        app.MapGet("/api/restore", (HttpContext http) => job.Execution?.GetCheckpointStats().LatestRestore is { } restore
            ? Results.Json(ApiRequestGuard.MaySeeStoragePaths(http, options) ? restore : HidePath(restore), ApiJsonContext.Default.RestoreInfo)
            : Results.NoContent());

        app.MapPost("/api/checkpoints", async (HttpContext http) =>
        {
            if (ApiRequestGuard.AuthorizeMutation(http, options) is { } denied)
            {
                return denied;
            }

            return await TriggerAsync(job, e => e.TriggerCheckpointAsync(http.RequestAborted)).ConfigureAwait(false);
        });

        app.MapPost("/api/savepoints", async (HttpContext http) =>
        {
            if (ApiRequestGuard.AuthorizeMutation(http, options) is { } denied)
            {
                return denied;
            }

            string? name = null;
            if (http.Request.HasJsonContentType() && http.Request.ContentLength != 0)
            {
                var body = await http.Request.ReadFromJsonAsync(ApiJsonContext.Default.SavepointRequest, http.RequestAborted).ConfigureAwait(false);
                name = body?.Name;
            }

            return await TriggerAsync(job, e => e.TriggerSavepointAsync(name, http.RequestAborted)).ConfigureAwait(false);
        });

        app.MapGet("/api/savepoints", async (HttpContext http) =>
        {
            if (job.Storage is not { } storage)
            {
                return NotRunning();
            }

            var all = await storage.ListAsync(http.RequestAborted).ConfigureAwait(false);
            var paths = ApiRequestGuard.MaySeeStoragePaths(http, options);
            IReadOnlyList<SavepointInfo> savepoints = all.Where(c => c.Metadata.Kind == CheckpointKind.Savepoint)
                .Select(c => new SavepointInfo(c.Metadata.CheckpointId, paths ? c.Path : null, c.Metadata.CompletedAt, c.Metadata.TotalStateSize))
                .ToList();
            return Results.Json(savepoints, ApiJsonContext.Default.IReadOnlyListSavepointInfo);
        });

        app.MapGet("/health", async (HttpContext http) =>
        {
            if (health is null)
            {
                return Results.Text("Healthy");
            }

            var report = await health.CheckHealthAsync(http.RequestAborted).ConfigureAwait(false);
            var text = report.Status + string.Concat(report.Entries.Select(e => $"\n{e.Key}: {e.Value.Status} {e.Value.Description}"));
            return Results.Text(text, statusCode: report.Status == HealthStatus.Unhealthy ? 503 : 200);
        });
    }

    private static async Task<IResult> TriggerAsync(StreamGenJob job, Func<IJobStatusProvider, Task<CheckpointStats>> trigger)
    {
        if (job.Execution is not { } execution || execution.Status != JobStatus.Running)
        {
            return Results.Json(new ErrorResponse("The job is not running."), ApiJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status409Conflict);
        }

        try
        {
            var stats = await trigger(execution).ConfigureAwait(false);
            return Results.Json(stats, ApiJsonContext.Default.CheckpointStats);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Json(new ErrorResponse(ex.Message), ApiJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    // Paths are hidden from callers without the configured token: they tell where the state lives.
    private static CheckpointStats? HidePath(CheckpointStats? stats) => stats is null ? null : stats with { Path = null };

    private static RestoreInfo? HidePath(RestoreInfo? restore) => restore is null ? null : restore with { Path = HiddenPath };

    private const string HiddenPath = "";

    private static IResult NotRunning()
        => Results.Json(new ErrorResponse("The job has not started yet."), ApiJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string LoadDashboard()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("StreamGen.Hosting.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
