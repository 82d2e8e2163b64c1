namespace StreamGen.Connectors;

/// <summary>
/// A sink definition: a factory of one <see cref="ISinkWriter{T}"/> per sink subtask and job attempt.
/// Connector packages add extension methods (e.g. <c>stream.ToKafka(...)</c>) that call
/// <see cref="Graph.DataStream{T}.To(ISink{T}, int?)"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISink<T>
{
    /// <summary>Creates the writer of one subtask. Called on every (re)start of the job.</summary>
    ISinkWriter<T> CreateWriter(ConnectorContext context);
}
