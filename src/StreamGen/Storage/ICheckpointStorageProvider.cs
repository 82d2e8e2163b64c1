using Microsoft.Extensions.Logging;

namespace StreamGen.Storage;

/// <summary>
/// Creates checkpoint storage for the locations it understands (e.g. <c>s3://bucket/prefix</c>). The hosting
/// layer asks every registered provider for <c>StreamGen:Checkpointing:StoragePath</c>; paths no provider
/// claims are directories for <see cref="FileSystemCheckpointStorage"/>.
/// </summary>
public interface ICheckpointStorageProvider
{
    /// <summary>Whether this provider handles <paramref name="location"/>.</summary>
    bool CanHandle(string location);

    /// <summary>Creates the storage for <paramref name="location"/>.</summary>
    ICheckpointStorage Create(string location, ILoggerFactory loggerFactory);
}
