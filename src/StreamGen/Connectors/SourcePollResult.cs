namespace StreamGen.Connectors;

/// <summary>What <see cref="ISourceReader{T}.Poll"/> tells the task loop.</summary>
public enum SourcePollResult
{
    /// <summary>More records are available now; the loop polls again right away.</summary>
    MoreAvailable,

    /// <summary>Nothing available now; the loop flushes its output batches and waits briefly before polling again.</summary>
    Idle,

    /// <summary>The reader's bounded input is exhausted; it will not be polled again.</summary>
    Finished,
}
