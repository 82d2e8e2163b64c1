namespace StreamGen.Graph;

/// <summary>The job graph is invalid (duplicate uid, bad parallelism, dangling operator, ...).</summary>
public sealed class JobGraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobGraphException(string message)
        : base(message)
    {
    }
}
