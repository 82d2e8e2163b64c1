using Microsoft.Extensions.Configuration;
using StreamGen.Graph;

namespace StreamGen.Hosting;

/// <summary>The user's job definition and the configuration passed to <c>AddStreamGen</c>.</summary>
internal sealed record JobDefinition(IConfiguration Configuration, Action<JobBuilder> Configure);
