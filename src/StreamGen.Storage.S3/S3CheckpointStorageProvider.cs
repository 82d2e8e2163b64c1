using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamGen.Storage.S3;

/// <summary>
/// Claims <c>s3://bucket/prefix</c> checkpoint locations for <see cref="S3CheckpointStorage"/>, configured by
/// <see cref="S3CheckpointStorageOptions"/>. Registered by <c>services.AddS3CheckpointStorage()</c>.
/// </summary>
public sealed class S3CheckpointStorageProvider : ICheckpointStorageProvider
{
    private readonly IOptions<S3CheckpointStorageOptions> _options;

    /// <summary>Creates the provider.</summary>
    public S3CheckpointStorageProvider(IOptions<S3CheckpointStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public bool CanHandle(string location) => S3ObjectPath.IsS3(location);

    /// <inheritdoc />
    public ICheckpointStorage Create(string location, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new S3CheckpointStorage(location, _options.Value, loggerFactory.CreateLogger("StreamGen.Storage.S3"));
    }
}
