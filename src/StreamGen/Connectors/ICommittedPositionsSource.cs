namespace StreamGen.Connectors;

/// <summary>
/// A source that, when the job starts without a checkpoint, resumes from positions kept outside the checkpoint
/// (a Kafka consumer group's committed offsets). Such positions are evidence that an earlier run processed
/// input: if its checkpoints are gone, starting with empty state while the source resumes mid-stream would
/// produce wrong output silently. Before starting from nothing, the job asks every source implementing this
/// interface and refuses to start when one reports positions, unless a fresh start is explicitly allowed
/// (<see cref="Recovery.JobExecutionOptions.AllowFreshStart"/>).
/// </summary>
public interface ICommittedPositionsSource
{
    /// <summary>
    /// Describes the positions an earlier run of <paramref name="jobName"/> left (e.g. <c>consumer group 'g'
    /// has committed offsets for words[0]@120, words[1]@98</c>), or returns <see langword="null"/> when there are none.
    /// </summary>
    Task<string?> DescribeCommittedPositionsAsync(string jobName, CancellationToken cancellationToken);
}
