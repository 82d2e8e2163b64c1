namespace StreamGen.Kafka.Tests.Infrastructure;

/// <summary>All Kafka tests share one broker (<see cref="KafkaFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>
{
    /// <summary>The collection name for <c>[Collection]</c>.</summary>
    public const string Name = "Kafka";
}
