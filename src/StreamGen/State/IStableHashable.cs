namespace StreamGen.State;

/// <summary>
/// Implement on a custom key type to give it a hash that is the same in every process and run.
/// Key groups are derived from it, so it must never change for equal keys across versions of the job.
/// </summary>
public interface IStableHashable
{
    /// <summary>A hash that depends only on the key's value, never on the process.</summary>
    int GetStableHashCode();
}
