using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StreamGen.Diagnostics;
using StreamGen.Storage;

namespace StreamGen.Hosting.Tests;

/// <summary>The REST API against hostile requests: cross-site posts, DNS rebinding, framing, token handling, path disclosure.</summary>
public sealed class ApiSecurityTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sg-api-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_token_a_cross_site_text_plain_post_does_not_trigger_a_savepoint()
    {
        await using var host = await StartRunningAsync();

        // What a form or fetch on any web page can send without a CORS preflight.
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/savepoints") { Content = new StringContent("{\"name\":\"evil\"}", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("must be JSON", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await host.Job.Storage!.ListAsync(default), c => c.Metadata.Kind == CheckpointKind.Savepoint);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Without_a_token_a_cross_site_json_post_is_refused(string header, string value)
    {
        await using var host = await StartRunningAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/checkpoints") { Content = JsonContent.Create(new { }) };
        request.Headers.Add(header, value);
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, host.Job.Execution!.GetCheckpointStats().History.Count(c => c.Kind == CheckpointKind.Savepoint));
    }

    [Fact]
    public async Task Without_a_token_a_same_origin_json_post_from_the_dashboard_is_allowed()
    {
        await using var host = await StartRunningAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/savepoints") { Content = JsonContent.Create(new { name = "from-page" }) };
        request.Headers.Add("Origin", host.BaseUrl);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await host.Job.Storage!.ListAsync(default), c => c.Metadata.Kind == CheckpointKind.Savepoint && c.Path.EndsWith("from-page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_header_that_is_not_allowed_is_refused_dns_rebinding()
    {
        await using var host = await TestHost.StartAsync(_storage);
        var port = new Uri(host.BaseUrl).Port;

        Assert.Equal(HttpStatusCode.BadRequest, await GetStatusAsync(host, "/api/job", $"rebind.evil.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetStatusAsync(host, "/", "evil.example"));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(host, "/api/job", $"localhost:{port}"));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(host, "/api/job", $"127.0.0.1:{port}"));
    }

    [Fact]
    public async Task Configured_allowed_hosts_replace_the_loopback_default()
    {
        await using var host = await TestHost.StartAsync(_storage, new() { ["StreamGen:Api:AllowedHosts"] = "jobs.example.com; *.internal.example" });

        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(host, "/api/job", "jobs.example.com"));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(host, "/api/job", "a.internal.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetStatusAsync(host, "/api/job", "localhost"));
    }

    [Fact]
    public async Task Every_response_carries_security_headers_and_the_policy_allows_exactly_the_dashboard_script()
    {
        await using var host = await TestHost.StartAsync(_storage);

        foreach (var path in new[] { "/", "/api/job", "/health" })
        {
            using var response = await host.Http.GetAsync(host.BaseUrl + path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        var page = await host.Http.GetStringAsync(host.BaseUrl + "/");
        var start = page.IndexOf("<script>", StringComparison.Ordinal) + "<script>".Length;
        var script = page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)];
        using var dashboard = await host.Http.GetAsync(host.BaseUrl + "/");
        var policy = string.Join(";", dashboard.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'", policy);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Bearer", "s3cret", HttpStatusCode.OK)]
    [InlineData("bearer", "s3cret", HttpStatusCode.OK)]
    [InlineData("BEARER", "s3cret", HttpStatusCode.OK)]
    [InlineData("Bearer", "s3creT", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer", "s3cret-and-more", HttpStatusCode.Unauthorized)]
    [InlineData("Basic", "s3cret", HttpStatusCode.Unauthorized)]
    public async Task The_token_scheme_is_case_insensitive_and_the_token_must_match_exactly(string scheme, string token, HttpStatusCode expected)
    {
        await using var host = await StartRunningAsync(new() { ["StreamGen:Api:Token"] = "s3cret" });

        // With the token, neither JSON nor an origin check is needed: a cross-site page cannot know it.
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/checkpoints");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task With_a_token_configured_storage_paths_are_shown_only_to_callers_with_the_token()
    {
        await using var host = await StartRunningAsync(new() { ["StreamGen:Api:Token"] = "s3cret" });
        using (var trigger = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/savepoints") { Content = JsonContent.Create(new { name = "kept" }) })
        {
            trigger.Headers.Authorization = new("Bearer", "s3cret");
            using var triggered = await host.Http.SendAsync(trigger);
            Assert.Equal(HttpStatusCode.OK, triggered.StatusCode);
        }

        var anonymous = await host.GetAsync("/api/savepoints");
        var listed = Assert.Single(anonymous.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("path").ValueKind);
        var history = (await host.GetAsync("/api/checkpoints")).GetProperty("history").EnumerateArray().ToList();
        Assert.NotEmpty(history);
        Assert.All(history, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("path").ValueKind));
        Assert.DoesNotContain(_storage, (await host.GetAsync("/api/checkpoints")).GetRawText());

        using var authorized = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + "/api/savepoints");
        authorized.Headers.Authorization = new("bearer", "s3cret");
        using var withToken = await host.Http.SendAsync(authorized);
        var shown = Assert.Single(JsonDocument.Parse(await withToken.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.EndsWith("kept", shown.GetProperty("path").GetString());
    }

    private async Task<TestHost> StartRunningAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(_storage, settings);
        await host.WaitUntilAsync(() => host.Job.Execution!.Status == JobStatus.Running, "the job to run");
        return host;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(TestHost host, string path, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + path);
        request.Headers.Host = hostHeader;
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}
