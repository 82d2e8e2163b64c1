using StreamGen.Checkpointing;

namespace StreamGen.Execution;

/// <summary>The channel-facing side of a task's outputs: flushing partial batches and broadcasting control events.</summary>
internal interface IChannelWriter
{
    /// <summary>Sends partially filled batches (buffer timeout, idle input, before a control event).</summary>
    void Flush();

    /// <summary>Flushes, then sends <paramref name="barrier"/> to every consumer subtask of the edge.</summary>
    void BroadcastBarrier(CheckpointBarrier barrier);

    /// <summary>Flushes, then tells every consumer subtask that this producer has no more records.</summary>
    void BroadcastEndOfInput();
}
