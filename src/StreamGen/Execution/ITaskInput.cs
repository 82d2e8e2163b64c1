namespace StreamGen.Execution;

/// <summary>The head of a task: either a source reader it polls or the input channels it reads.</summary>
internal interface ITaskInput
{
    /// <summary>Processes what is available now (one poll, or one element per readable channel).</summary>
    InputStatus ProcessAvailable();

    /// <summary>The coordinator aborted <paramref name="checkpointId"/>: stop waiting for its barriers.</summary>
    void AbortAlignment(long checkpointId);
}

/// <summary>The outcome of <see cref="ITaskInput.ProcessAvailable"/>.</summary>
internal enum InputStatus
{
    MoreAvailable,
    NothingAvailable,
    EndOfInput,
}
