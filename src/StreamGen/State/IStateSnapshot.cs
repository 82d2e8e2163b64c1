using System.Buffers;

namespace StreamGen.State;

/// <summary>
/// A frozen view of state taken at a barrier. Taking it is the synchronous part of a snapshot;
/// <see cref="WriteTo"/> is the asynchronous part and may run on another thread while the task keeps
/// processing. Dispose releases the frozen view (and stops copy-on-write for it).
/// </summary>
public interface IStateSnapshot : IDisposable
{
    /// <summary>Serialises the frozen state. Call once, from any single thread.</summary>
    void WriteTo(IBufferWriter<byte> output);
}
