using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamGen.Connectors;
using StreamGen.Hosting.TestJob;

// The README's host, unchanged: whatever goes wrong must show in the exit code and in one log message.
var builder = Host.CreateApplicationBuilder(args);
var output = new CollectedOutput<(int Key, long Count)>();
builder.Services.AddStreamGen(builder.Configuration, job => job
    .From(new ReplayableSource<int>(2, 500, (partition, index) => (int)((index + partition) % 10)), parallelism: 2).Uid("numbers")
    .KeyBy(n => n)
    .Process(() => new RunningCount()).Uid("count")
    .To(new ExactlyOnceCollectingSink<(int Key, long Count)>(output)).Uid("out"));
await builder.Build().RunAsync();
Console.WriteLine($"records out: {output.Records.Count}");
