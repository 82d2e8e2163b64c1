namespace StreamGen.Connectors;

/// <summary>
/// A source definition: a factory of one <see cref="ISourceReader{T}"/> per source subtask and job
/// attempt. Connector packages add extension methods (e.g. <c>job.FromKafka&lt;T&gt;(...)</c>) that call
/// <see cref="Graph.JobBuilder.From{T}(ISource{T}, int)"/> with their implementation.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISource<T>
{
    /// <summary>Creates the reader of one subtask. Called on every (re)start of the job.</summary>
    ISourceReader<T> CreateReader(ConnectorContext context);
}
