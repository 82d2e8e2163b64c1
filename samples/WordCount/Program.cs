using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WordCount;

// Two roles in one program:
//   dotnet run                 the demo: embedded Kafka, input, the job as a child process, a crash, recovery, a check
//   dotnet run -- --worker     the job itself on the generic host (what a user deploys)
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
    await builder.Build().RunAsync();
    return Environment.ExitCode;
}

return await Demo.RunAsync(args);
