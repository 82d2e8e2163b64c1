namespace StreamGen.Kafka.Native;

/// <summary>
/// The native librdkafka is missing, cannot be loaded or is too old. This is a deployment error, not a transient
/// failure: restarting the job cannot fix it, so a restart strategy must not retry it. The message says what to
/// install or set.
/// </summary>
public sealed class KafkaNativeLibraryException : Exception, StreamGen.Recovery.INonRecoverableError
{
    /// <summary>Creates the exception.</summary>
    public KafkaNativeLibraryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the loader's own error.</summary>
    public KafkaNativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
