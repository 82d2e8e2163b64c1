namespace StreamGen.Execution;

/// <summary>
/// Receives the records an operator emits: the next operator of a chain (a direct call), a channel
/// writer (partitioning into batches), or a fan-out to several of those.
/// </summary>
internal interface IOutput<in T>
{
    void Collect(T record);
}
