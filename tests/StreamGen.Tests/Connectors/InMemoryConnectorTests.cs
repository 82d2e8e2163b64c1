using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using StreamGen.Checkpointing;
using StreamGen.Connectors;
using StreamGen.Serialization;

namespace StreamGen.Tests.Connectors;

public sealed class InMemoryConnectorTests
{
    [Fact]
    public void Source_positions_restore_as_union_state_onto_another_parallelism()
    {
        var records = Enumerable.Range(0, 50).ToList();
        var source = ReplayableSource<int>.FromList(records, partitions: 5).Throttled(recordsPerPoll: 3, pollInterval: null);
        var emitted = new List<int>();
        var output = new ListOutput(emitted);

        // Two subtasks read a little, then snapshot.
        var states = new List<ReadOnlyMemory<byte>>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            var reader = source.CreateReader(Context(subtask, 2));
            reader.Open();
            reader.Poll(output, 100);
            reader.Poll(output, 100);
            states.Add(Snapshot(reader));
        }

        // Three subtasks restore all states and read to the end.
        for (var subtask = 0; subtask < 3; subtask++)
        {
            var reader = source.CreateReader(Context(subtask, 3));
            reader.RestoreState(states);
            reader.Open();
            while (reader.Poll(output, 100) != SourcePollResult.Finished)
            {
            }
        }

        Assert.Equal(records, emitted.Order());
    }

    [Fact]
    public void Collected_output_commits_each_transaction_once_and_hides_prepared_ones()
    {
        var output = new CollectedOutput<int>();
        output.Prepare("t1", [1, 2]);
        output.Prepare("t2", [3]);

        Assert.Empty(output.Records);
        Assert.True(output.Commit("t1"));
        Assert.False(output.Commit("t1"));
        output.Prepare("t1", [9]);
        output.Abort("t2");
        Assert.False(output.Commit("t2"));

        Assert.Equal([1, 2], output.Records);
        Assert.Equal(1, output.CommittedTransactions);
        Assert.Empty(output.PreparedTransactions);
    }

    private static ConnectorContext Context(int subtask, int parallelism)
        => new(new OperatorRuntimeContext("src", "src", subtask, parallelism, 128, 0), NullLoggerFactory.Instance, CheckpointingMode.ExactlyOnce, "test", CancellationToken.None);

    private static ReadOnlyMemory<byte> Snapshot(ISourceReader<int> reader)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        reader.SnapshotState(1, ref writer);
        writer.Flush();
        return buffer.WrittenMemory.ToArray();
    }

    private sealed class ListOutput(List<int> records) : ISourceOutput<int>
    {
        public void Emit(int record) => records.Add(record);
    }
}
