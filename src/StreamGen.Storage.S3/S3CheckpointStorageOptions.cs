using Amazon.Runtime;

namespace StreamGen.Storage.S3;

/// <summary>
/// How <see cref="S3CheckpointStorage"/> talks to S3 or an S3-compatible store. Bound from the configuration
/// section <c>StreamGen:S3</c> by <c>AddS3CheckpointStorage</c>; the location itself
/// (<c>s3://bucket/prefix</c>) is <c>StreamGen:Checkpointing:StoragePath</c>.
/// </summary>
public sealed class S3CheckpointStorageOptions
{
    /// <summary>The smallest part size S3 accepts for all but the last part of a multipart upload.</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "StreamGen:S3";

    /// <summary>
    /// Endpoint of an S3-compatible store (MinIO, Ceph RGW, SeaweedFS, ...), e.g. <c>http://minio:9000</c>.
    /// Unset: AWS S3 in <see cref="Region"/>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The AWS region (e.g. <c>eu-west-1</c>). Unset: the SDK's region chain (<c>AWS_REGION</c>, profile,
    /// instance metadata); with <see cref="ServiceUrl"/>, the signing region, <c>us-east-1</c> if unset.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Address buckets as <c>endpoint/bucket/key</c> instead of <c>bucket.endpoint/key</c>. Most
    /// S3-compatible stores need it. Default: true when <see cref="ServiceUrl"/> is set.
    /// </summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>
    /// Credentials to sign with. Unset (the normal case): the standard AWS chain — environment variables,
    /// the shared profile (<c>AWS_PROFILE</c>), web identity, ECS task role, EC2 instance profile.
    /// Not bindable from configuration, on purpose: secrets do not belong in <c>appsettings.json</c>.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>State files larger than this many bytes are sent as multipart uploads. Default 8 MiB.</summary>
    public long MultipartThreshold { get; set; } = 8L * 1024 * 1024;

    /// <summary>Size of each part of a multipart upload; at least <see cref="MinimumPartSize"/>. Default 8 MiB.</summary>
    public long MultipartPartSize { get; set; } = 8L * 1024 * 1024;

    /// <summary>Parts of one state file uploaded at the same time. Default 4.</summary>
    public int MaxConcurrentPartUploads { get; set; } = 4;

    /// <summary>
    /// Retries of a request that failed transiently (5xx, throttling, time-out, connection loss) before the
    /// operation fails. Default 4.
    /// </summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Delay before the first retry; doubled for each further one, with jitter. Default 200 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest time one request (one attempt) may take before it is abandoned and retried. Keep
    /// <c>(MaxRetries + 1) × RequestTimeout</c> plus backoff within the checkpoint timeout, so a store that
    /// hangs fails the checkpoint rather than outliving it. Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws if a value is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"{SectionName}:ServiceUrl '{url}' is not an absolute URL (e.g. http://minio:9000).");
        }

        if (MultipartPartSize < MinimumPartSize)
        {
            throw new ArgumentException($"{SectionName}:MultipartPartSize is {MultipartPartSize} bytes; S3 requires parts of at least {MinimumPartSize} bytes (5 MiB).");
        }

        if (MultipartThreshold < 0)
        {
            throw new ArgumentException($"{SectionName}:MultipartThreshold must not be negative.");
        }

        if (MaxConcurrentPartUploads < 1)
        {
            throw new ArgumentException($"{SectionName}:MaxConcurrentPartUploads must be at least 1.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"{SectionName}:MaxRetries must not be negative.");
        }

        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"{SectionName}:InitialBackoff must not be negative and MaxBackoff not smaller than it.");
        }

        // The bounds of the Polly strategies that enforce them (a timeout of 10 ms to a day, delays up to a day).
        if (RequestTimeout < TimeSpan.FromMilliseconds(10) || RequestTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{SectionName}:RequestTimeout must be between 10 ms and 1 day; it is {RequestTimeout}.");
        }

        if (MaxBackoff > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{SectionName}:MaxBackoff must not exceed 1 day; it is {MaxBackoff}.");
        }
    }
}
