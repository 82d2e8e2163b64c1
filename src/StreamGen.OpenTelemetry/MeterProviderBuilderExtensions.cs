using StreamGen.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Registers StreamGen's metrics with OpenTelemetry.</summary>
/// <remarks>
/// In OpenTelemetry's namespace, as instrumentation packages put their extensions, so that
/// <c>.WithMetrics(m =&gt; m.AddStreamGenInstrumentation())</c> needs no extra <c>using</c>.
/// </remarks>
public static class MeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes <paramref name="builder"/> to StreamGen's meters: <see cref="StreamGenMetrics.MeterName"/>
    /// (checkpoints, records in/out, channel fill, restarts) and <see cref="StreamGenMetrics.KafkaMeterName"/>
    /// (records the Kafka source skipped or dead-lettered). The instruments are listed in docs/operations.md.
    /// </summary>
    /// <param name="builder">The meter provider being built.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static MeterProviderBuilder AddStreamGenInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(StreamGenMetrics.MeterName, StreamGenMetrics.KafkaMeterName);
    }
}
