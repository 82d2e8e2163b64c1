using StreamGen.Connectors;

namespace StreamGen.Tests.TestSupport;

/// <summary>A source that reports positions committed outside the checkpoint, as a Kafka consumer group does.</summary>
public sealed class CommittedPositionsSource<T>(ISource<T> inner, string? committed) : ISource<T>, ICommittedPositionsSource
{
    public ISourceReader<T> CreateReader(ConnectorContext context) => inner.CreateReader(context);

    public Task<string?> DescribeCommittedPositionsAsync(string jobName, CancellationToken cancellationToken) => Task.FromResult(committed);
}
