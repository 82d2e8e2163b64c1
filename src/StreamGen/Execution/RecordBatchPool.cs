using System.Buffers;
using System.Runtime.CompilerServices;

namespace StreamGen.Execution;

/// <summary>Pooled record arrays for channel batches: a batch is rented by the producer and returned by the consumer.</summary>
internal static class RecordBatchPool<T>
{
    public static T[] Rent(int size) => ArrayPool<T>.Shared.Rent(size);

    // Cleared when T holds references, so pooled arrays do not keep records alive.
    public static void Return(T[] array) => ArrayPool<T>.Shared.Return(array, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
