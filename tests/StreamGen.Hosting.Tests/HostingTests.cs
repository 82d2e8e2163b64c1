using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamGen.Hosting.Tests;

public sealed class HostingTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-hosting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task The_api_shows_the_running_job_its_graph_throughput_and_checkpoints()
    {
        await using var host = await TestHost.StartAsync(_storage);
        await host.WaitUntilAsync(() => host.Job.Execution!.GetCheckpointStats().Completed >= 2, "two checkpoints");

        var job = await host.GetAsync("/api/job");
        Assert.Equal("hosting-test", job.GetProperty("name").GetString());
        Assert.Equal("Running", job.GetProperty("status").GetString());
        var operatorIds = job.GetProperty("operators").EnumerateArray().Select(o => o.GetProperty("operatorId").GetString()).ToList();
        Assert.Contains("numbers", operatorIds);
        Assert.Contains("count", operatorIds);

        var operators = await host.GetAsync("/api/operators");
        Assert.Contains(operators.GetProperty("operators").EnumerateArray(), o => o.GetProperty("operatorId").GetString() == "count" && o.GetProperty("recordsIn").GetInt64() > 0);

        var checkpoints = await host.GetAsync("/api/checkpoints");
        Assert.True(checkpoints.GetProperty("completed").GetInt64() >= 2);
        var latest = checkpoints.GetProperty("latestCompleted");
        Assert.Equal("Completed", latest.GetProperty("status").GetString());
        Assert.True(latest.GetProperty("stateSize").GetInt64() > 0);

        using var health = await host.Http.GetAsync(host.BaseUrl + "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("Healthy", await health.Content.ReadAsStringAsync());

        var page = await host.Http.GetStringAsync(host.BaseUrl + "/");
        Assert.Contains("id=\"checkpoint-history\"", page);
    }

    [Fact]
    public async Task A_savepoint_triggered_over_rest_restores_a_new_host_with_exact_state()
    {
        string savepointPath;
        long savepointId;
        await using (var first = await TestHost.StartAsync(_storage))
        {
            await first.WaitUntilAsync(() => first.Output.Records.Count > 200, "some committed output");
            var checkpoint = await PostAsync(first, "/api/checkpoints", null);
            Assert.Equal("Completed", checkpoint.GetProperty("status").GetString());

            var savepoint = await PostAsync(first, "/api/savepoints", new { name = "before-upgrade" });
            Assert.Equal("Savepoint", savepoint.GetProperty("kind").GetString());
            savepointPath = savepoint.GetProperty("path").GetString()!;
            savepointId = savepoint.GetProperty("checkpointId").GetInt64();
            Assert.Contains("before-upgrade", savepointPath);

            var listed = await first.GetAsync("/api/savepoints");
            Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("path").GetString() == savepointPath);
        }

        await using var second = await TestHost.StartAsync(_storage, new() { ["StreamGen:RestoreFrom"] = savepointPath });
        var restore = await second.GetAsync("/api/restore");
        Assert.Equal(savepointId, restore.GetProperty("checkpointId").GetInt64());
        Assert.Equal("Savepoint", restore.GetProperty("kind").GetString());

        // Bounded input: the restored job runs to the end, and every key's last count is its true total.
        await second.WaitUntilAsync(() => second.Job.Execution!.Status == StreamGen.Diagnostics.JobStatus.Finished, "the restored job to finish", seconds: 120);
        var perKey = second.Source.Count / TestHost.Keys;
        var last = second.Output.Records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Max(r => r.Count));
        Assert.Equal(TestHost.Keys, last.Count);
        Assert.All(last, pair => Assert.Equal(perKey, pair.Value));
    }

    [Fact]
    public async Task Mutating_endpoints_require_the_configured_token()
    {
        await using var host = await TestHost.StartAsync(_storage, new() { ["StreamGen:Api:Token"] = "s3cret" });
        await host.WaitUntilAsync(() => host.Job.Execution!.Status == StreamGen.Diagnostics.JobStatus.Running, "the job to run");

        using (var denied = await host.Http.PostAsync(host.BaseUrl + "/api/checkpoints", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/checkpoints");
        request.Headers.Authorization = new("Bearer", "s3cret");
        using var allowed = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        // Reads stay open.
        using var read = await host.Http.GetAsync(host.BaseUrl + "/api/job");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static async Task<JsonElement> PostAsync(TestHost host, string path, object? body)
    {
        // Without a token, mutations must be JSON: an empty object when there is nothing to say.
        using var response = await host.Http.PostAsJsonAsync(host.BaseUrl + path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
