namespace StreamGen.Execution;

/// <summary>What the consumer's <see cref="BufferDebloater"/> sees of one of its input channels.</summary>
internal interface IDebloatableChannel
{
    /// <summary>Batches the channel holds before its producer blocks.</summary>
    int Capacity { get; }

    /// <summary>Records taken out of the channel so far (consumer side).</summary>
    long RecordsRead { get; }

    /// <summary>Records queued now, not counting control events.</summary>
    int QueuedRecords { get; }

    /// <summary>Records per batch the producer should send from now on (at most the configured batch size).</summary>
    void SetBatchLimit(int records);
}
