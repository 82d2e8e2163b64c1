using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamGen.Connectors;

namespace StreamGen.Hosting.Tests;

/// <summary>A generic host running a throttled keyed count over an in-memory source, configured like a user's app.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const int Keys = 10;

    private readonly IHost _host;

    private TestHost(IHost host, CollectedOutput<(int Key, long Count)> output, ReplayableSource<int> source)
    {
        _host = host;
        Output = output;
        Source = source;
        Job = host.Services.GetRequiredService<StreamGenJob>();
    }

    public StreamGenJob Job { get; }

    public CollectedOutput<(int Key, long Count)> Output { get; }

    public ReplayableSource<int> Source { get; }

    public HttpClient Http { get; } = new();

    public string BaseUrl => Job.ApiUrls[0];

    public static async Task<TestHost> StartAsync(string storage, Dictionary<string, string?>? settings = null, int recordsPerPartition = 20_000)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamGen:JobName"] = "hosting-test",
            ["StreamGen:Checkpointing:Interval"] = "00:00:00.100",
            ["StreamGen:Checkpointing:StoragePath"] = storage,
            ["StreamGen:Api:Urls"] = "http://127.0.0.1:0",
            ["StreamGen:RestartStrategy:Type"] = "FixedDelay",
            ["StreamGen:RestartStrategy:Delay"] = "00:00:00.050",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var output = new CollectedOutput<(int Key, long Count)>();

        // Slow enough that the job is still running while a test talks to it.
        var source = new ReplayableSource<int>(2, recordsPerPartition, (partition, index) => (int)((index + partition) % Keys)).Throttled(20, TimeSpan.FromMilliseconds(2));
        builder.Services.AddStreamGen(builder.Configuration, job => job
            .From(source, parallelism: 2).Uid("numbers")
            .KeyBy(n => n)
            .Process(() => new CountPerKey()).Uid("count").Parallelism(2)
            .To(new ExactlyOnceCollectingSink<(int Key, long Count)>(output)).Uid("out"));
        var host = builder.Build();
        await host.StartAsync();
        var test = new TestHost(host, output, source);
        await test.WaitUntilAsync(() => test.Job.ApiUrls.Count > 0 && test.Job.Execution is not null, "the API and the job to start");
        return test;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Http.GetAsync(BaseUrl + path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
