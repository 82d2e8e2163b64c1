using StreamGen.Graph;

namespace StreamGen.Hosting;

/// <summary>The user's job definition passed to <c>AddStreamGen</c>.</summary>
internal sealed record JobDefinition(Action<JobBuilder> Configure);
