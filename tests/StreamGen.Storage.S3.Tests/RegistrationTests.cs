using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Storage.S3.Tests.Infrastructure;

namespace StreamGen.Storage.S3.Tests;

[Collection(S3ServerCollection.Name)]
public sealed class RegistrationTests(S3ServerFixture s3)
{
    [Fact]
    public async Task AddS3CheckpointStorage_claims_s3_locations_with_options_from_StreamGen_S3()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamGen:S3:ServiceUrl"] = s3.ServiceUrl,
            ["StreamGen:S3:Region"] = "us-east-1",
            ["StreamGen:S3:ForcePathStyle"] = "true",
            ["StreamGen:S3:MultipartThreshold"] = "1048576",
            ["StreamGen:S3:MaxRetries"] = "2",
            ["StreamGen:S3:RequestTimeout"] = "00:00:20",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddS3CheckpointStorage(o => o.Credentials = s3.Credentials);
        services.AddS3CheckpointStorage(); // idempotent
        using var provider = services.BuildServiceProvider();

        var storageProvider = Assert.Single(provider.GetServices<ICheckpointStorageProvider>());
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3CheckpointStorageOptions>>().Value;
        Assert.Equal(1048576, options.MultipartThreshold);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), options.RequestTimeout);
        Assert.True(options.ForcePathStyle);
        Assert.True(storageProvider.CanHandle("s3://bucket/prefix"));
        Assert.True(storageProvider.CanHandle("S3://bucket"));
        Assert.False(storageProvider.CanHandle("/var/lib/job/checkpoints"));
        Assert.False(storageProvider.CanHandle("checkpoints"));

        var location = s3.NewLocation("provider");
        var storage = storageProvider.Create(location, NullLoggerFactory.Instance);
        Assert.IsType<S3CheckpointStorage>(storage);
        Assert.Equal(location, storage.Description);
        await Checkpoints.WriteAsync(storage, 1, "via provider");
        Assert.Equal(1, (await storage.LoadLatestAsync(default)).Restored!.Metadata.CheckpointId);
    }
}
