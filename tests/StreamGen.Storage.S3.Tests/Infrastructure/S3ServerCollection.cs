namespace StreamGen.Storage.S3.Tests.Infrastructure;

/// <summary>One S3 server for every test class; tests isolate themselves by key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "S3 server";
}
