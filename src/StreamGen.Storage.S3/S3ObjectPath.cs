namespace StreamGen.Storage.S3;

/// <summary>
/// A bucket and a key prefix, written <c>s3://bucket/prefix</c>. The prefix never starts with <c>/</c>
/// and, unless empty, ends with <c>/</c>, so "directory" arithmetic is plain concatenation.
/// </summary>
internal readonly record struct S3ObjectPath(string Bucket, string Prefix)
{
    public const string Scheme = "s3://";

    /// <summary>Whether <paramref name="location"/> is an <c>s3://</c> URI.</summary>
    public static bool IsS3(string? location) => location is not null && location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>s3://bucket[/prefix]</c>.</summary>
    /// <exception cref="ArgumentException">It is not an S3 URI or names no bucket.</exception>
    public static S3ObjectPath Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!IsS3(location))
        {
            throw new ArgumentException($"'{location}' is not an S3 location; expected s3://bucket/prefix.", nameof(location));
        }

        var rest = location[Scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new ArgumentException($"'{location}' names no bucket; expected s3://bucket/prefix.", nameof(location));
        }

        return new S3ObjectPath(bucket, NormalizePrefix(slash < 0 ? string.Empty : rest[(slash + 1)..]));
    }

    /// <summary>The "sub-directory" <paramref name="name"/> of this prefix.</summary>
    public S3ObjectPath Child(string name) => new(Bucket, NormalizePrefix(Prefix + name));

    /// <summary>The key of object <paramref name="name"/> under this prefix.</summary>
    public string Key(string name) => Prefix + name;

    /// <summary>The last segment of the prefix (e.g. <c>chk-7</c>).</summary>
    public string Name => Prefix.Length == 0 ? string.Empty : Prefix.TrimEnd('/')[(Prefix.TrimEnd('/').LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public override string ToString() => Prefix.Length == 0 ? Scheme + Bucket : Scheme + Bucket + "/" + Prefix.TrimEnd('/');

    private static string NormalizePrefix(string prefix)
    {
        // Doubled or leading slashes would make keys that differ from what a listing by "/" returns.
        var segments = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? string.Empty : string.Join('/', segments) + "/";
    }
}
