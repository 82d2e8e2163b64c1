namespace StreamGen.Execution;

/// <summary>Read-only view of a channel's fill level, for backpressure metrics.</summary>
internal interface IChannelFillGauge
{
    string Description { get; }

    int Capacity { get; }

    int Count { get; }
}
