namespace StreamGen.Execution;

/// <summary>
/// Wakes a task loop when any of its inputs or its mailbox has work. The loop calls <see cref="Reset"/>
/// before looking at its inputs, so a signal raised between the look and <see cref="Wait"/> is not lost.
/// </summary>
internal sealed class TaskWakeup : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false, spinCount: 0);

    public void Set() => _event.Set();

    public void Reset() => _event.Reset();

    /// <summary>Waits for a signal or the timeout; throws <see cref="OperationCanceledException"/> on cancellation.</summary>
    public void Wait(int timeoutMilliseconds, CancellationToken cancellationToken) => _event.Wait(timeoutMilliseconds, cancellationToken);

    public void Dispose() => _event.Dispose();
}
