namespace StreamGen.FaultInjection;

/// <summary>A named step of the checkpoint protocol where a test can inject a failure.</summary>
public enum CrashPoint
{
    /// <summary><c>mid-epoch</c>: in a task loop, between input batches (records of an epoch were processed, the barrier has not come).</summary>
    MidEpoch,

    /// <summary><c>after-snapshot-before-ack</c>: a task wrote its state files but has not acknowledged the checkpoint.</summary>
    AfterSnapshotBeforeAck,

    /// <summary><c>after-ack-before-complete</c>: the coordinator has every acknowledgement but has not written <c>_metadata</c>.</summary>
    AfterAckBeforeComplete,

    /// <summary><c>after-complete-before-notify</c>: <c>_metadata</c> is durable, no task has been told the checkpoint is complete.</summary>
    AfterCompleteBeforeNotify,

    /// <summary><c>during-restore</c>: a task is restoring its state from a checkpoint.</summary>
    DuringRestore,
}
