using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamGen.Storage;
using StreamGen.Storage.S3;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers S3 checkpoint storage with the StreamGen host.</summary>
public static class S3CheckpointStorageServiceCollectionExtensions
{
    /// <summary>
    /// Lets <c>StreamGen:Checkpointing:StoragePath</c> be an <c>s3://bucket/prefix</c> location. Options come
    /// from the configuration section <c>StreamGen:S3</c> (<c>ServiceUrl</c>, <c>Region</c>,
    /// <c>ForcePathStyle</c>, <c>MultipartThreshold</c>, <c>MultipartPartSize</c>, <c>MaxRetries</c>,
    /// <c>InitialBackoff</c>, <c>MaxBackoff</c>, <c>RequestTimeout</c>, ...), then from
    /// <paramref name="configure"/>. Credentials come from the standard AWS chain unless
    /// <see cref="S3CheckpointStorageOptions.Credentials"/> is set in code. Invalid options are reported,
    /// naming the value, when the storage is created.
    /// </summary>
    public static IServiceCollection AddS3CheckpointStorage(this IServiceCollection services, Action<S3CheckpointStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<S3CheckpointStorageOptions>().BindConfiguration(S3CheckpointStorageOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckpointStorageProvider, S3CheckpointStorageProvider>());
        return services;
    }
}
