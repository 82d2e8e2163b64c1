using StreamGen.Hosting.Configuration;
using StreamGen.Recovery;

namespace StreamGen.Hosting;

/// <summary>What <see cref="StreamGenJobStartup"/> checked and built, ready for the job service to run.</summary>
/// <param name="Options">The bound and validated <c>StreamGen</c> section.</param>
/// <param name="BootstrapServers">The Kafka cluster the job's connectors use, for the start log.</param>
/// <param name="Execution">How the job runs: storage, checkpoint settings, restart strategy, restore point.</param>
internal sealed record PreparedJob(StreamGenOptions Options, string BootstrapServers, JobExecutionOptions Execution);
