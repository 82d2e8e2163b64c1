namespace StreamGen.Tests.TestSupport;

/// <summary>Fails one record when armed, at a moment the test chooses (after a checkpoint, after a savepoint).</summary>
public sealed class FailSwitch
{
    private int _armed;

    public int Fired { get; private set; }

    public void Arm() => Volatile.Write(ref _armed, 1);

    public void ThrowIfArmed()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Fired++;
            throw new InvalidOperationException("failure injected by the test");
        }
    }
}
