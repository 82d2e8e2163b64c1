namespace StreamGen.Connectors;

/// <summary>Where a source reader emits the records of one <see cref="ISourceReader{T}.Poll"/> call.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISourceOutput<in T>
{
    /// <summary>Emits one record downstream (a direct call into the chained operators).</summary>
    void Emit(T record);
}
