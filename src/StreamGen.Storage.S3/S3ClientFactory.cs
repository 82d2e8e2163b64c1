using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace StreamGen.Storage.S3;

/// <summary>Builds the <see cref="AmazonS3Client"/> that <see cref="S3CheckpointStorageOptions"/> describes.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3CheckpointStorageOptions options)
    {
        var config = CreateConfig(options);
        try
        {
            return options.Credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(options.Credentials, config);
        }
        catch (AmazonClientException ex) when (config.RegionEndpoint is null && string.IsNullOrEmpty(config.ServiceURL))
        {
            throw new InvalidOperationException(
                $"S3 checkpoint storage found no AWS region ({ex.Message}). Set {S3CheckpointStorageOptions.SectionName}:Region (or AWS_REGION, or a region in the AWS profile), or {S3CheckpointStorageOptions.SectionName}:ServiceUrl for an S3-compatible store.",
                ex);
        }
    }

    public static AmazonS3Config CreateConfig(S3CheckpointStorageOptions options)
    {
        options.Validate();
        var config = new AmazonS3Config
        {
            // The storage retries with its own backoff (and a test can see each attempt); SDK retries on
            // top of that would multiply the time a failing checkpoint takes to fail.
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,

            // Flexible checksums send aws-chunked bodies with trailing checksums, which many S3-compatible
            // stores do not decode. Each PUT carries Content-MD5 instead, and state files carry CRC-32C.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };

        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrEmpty(options.Region) ? "us-east-1" : options.Region;
            config.ForcePathStyle = options.ForcePathStyle ?? true;
        }
        else
        {
            if (!string.IsNullOrEmpty(options.Region))
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            }

            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        return config;
    }
}
