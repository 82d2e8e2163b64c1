using StreamGen.Graph;

namespace StreamGen.Recovery;

/// <summary>Starts job executions.</summary>
public static class JobRunner
{
    /// <summary>Starts <paramref name="graph"/> in the background and returns its execution handle.</summary>
    /// <exception cref="InvalidOperationException">The options are incomplete (e.g. no storage).</exception>
    public static JobExecution Start(JobGraph graph, JobExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var execution = new JobExecution(graph, options);
        execution.Start();
        return execution;
    }

    /// <summary>Runs <paramref name="graph"/> until it finishes; cancelling <paramref name="cancellationToken"/> cancels the job.</summary>
    /// <exception cref="JobFailedException">The job failed for good.</exception>
    public static async Task RunAsync(JobGraph graph, JobExecutionOptions options, CancellationToken cancellationToken = default)
    {
        var execution = Start(graph, options);
        await using var registration = cancellationToken.Register(() => _ = execution.CancelAsync()).ConfigureAwait(false);
        await execution.Completion.ConfigureAwait(false);
    }
}
