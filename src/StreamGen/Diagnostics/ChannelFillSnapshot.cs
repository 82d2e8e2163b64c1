namespace StreamGen.Diagnostics;

/// <summary>
/// The fill level of one channel. A channel that stays full means its consumer is the bottleneck and its
/// producer is backpressured.
/// </summary>
/// <param name="Channel">Producer and consumer subtasks, e.g. <c>Source[0] -> count[1]</c>.</param>
/// <param name="QueuedBatches">Batches waiting.</param>
/// <param name="Capacity">Maximum batches before the producer blocks.</param>
public sealed record ChannelFillSnapshot(string Channel, int QueuedBatches, int Capacity)
{
    /// <summary>Between 0 (empty) and 1 (full: backpressure).</summary>
    public double FillRatio => Capacity == 0 ? 0 : (double)QueuedBatches / Capacity;
}
