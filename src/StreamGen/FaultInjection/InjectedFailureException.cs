namespace StreamGen.FaultInjection;

/// <summary>Thrown by an armed <see cref="CrashPoint"/> with <see cref="CrashAction.Throw"/>.</summary>
public sealed class InjectedFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InjectedFailureException(CrashPoint point, string location)
        : base($"Injected failure at crash point '{FaultInjector.NameOf(point)}' in {location}.")
    {
        Point = point;
    }

    /// <summary>The crash point that fired.</summary>
    public CrashPoint Point { get; }
}
