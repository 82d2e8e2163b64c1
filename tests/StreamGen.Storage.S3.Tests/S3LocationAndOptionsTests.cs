namespace StreamGen.Storage.S3.Tests;

/// <summary>Checks that need no S3 server: location parsing and option validation.</summary>
public sealed class S3LocationAndOptionsTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://bucket/", "bucket", "")]
    [InlineData("s3://bucket/jobs/word-count", "bucket", "jobs/word-count/")]
    [InlineData("s3://bucket//jobs//word-count/", "bucket", "jobs/word-count/")]
    public void Locations_parse_into_bucket_and_prefix(string location, string bucket, string prefix)
    {
        using var storage = new S3CheckpointStorage(location, new S3CheckpointStorageOptions { ServiceUrl = "http://127.0.0.1:1" });

        Assert.Equal(bucket, storage.BucketName);
        Assert.Equal(prefix, storage.KeyPrefix);
    }

    [Theory]
    [InlineData("s3://")]
    [InlineData("s3:///prefix")]
    [InlineData("/var/lib/checkpoints")]
    public void Malformed_locations_are_refused_with_the_expected_form(string location)
    {
        var ex = Assert.Throws<ArgumentException>(() => new S3CheckpointStorage(location, new S3CheckpointStorageOptions { ServiceUrl = "http://127.0.0.1:1" }));
        Assert.Contains("s3://bucket/prefix", ex.Message);
    }

    [Fact]
    public void Parts_smaller_than_S3_allows_are_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => new S3CheckpointStorage("s3://b/p", new S3CheckpointStorageOptions { ServiceUrl = "http://127.0.0.1:1", MultipartPartSize = MiB }));
        Assert.Contains("MultipartPartSize", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    public void A_request_timeout_below_what_the_retry_pipeline_supports_is_refused_naming_the_option(double milliseconds)
    {
        var options = new S3CheckpointStorageOptions { ServiceUrl = "http://127.0.0.1:1", RequestTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        var ex = Assert.Throws<ArgumentException>(() => new S3CheckpointStorage("s3://b/p", options));

        Assert.Contains("RequestTimeout", ex.Message);
        Assert.Contains("10 ms", ex.Message);
    }
}
