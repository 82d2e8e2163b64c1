using StreamGen.Connectors;
using StreamGen.Graph;
using StreamGen.Tests.TestOperators;

namespace StreamGen.Tests.Graph;

public sealed class JobGraphTests
{
    private static readonly ReplayableSource<string> Words = ReplayableSource<string>.FromList(["a", "b"]);

    [Fact]
    public void Forward_edges_of_equal_parallelism_are_chained_and_keyby_starts_a_new_task()
    {
        var job = new JobBuilder("chain");
        job.From(Words, 2).Map(w => w.ToUpperInvariant()).Filter(w => w.Length > 0)
            .KeyBy(w => w).Process(() => new RunningCount())
            .To(new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()));

        var graph = job.Build();

        Assert.Equal(2, graph.Chains.Count);
        Assert.Equal(["Source", "Map", "Filter"], graph.Chains[0].Nodes.Select(n => n.Kind));
        Assert.Equal(["KeyedProcess", "Sink"], graph.Chains[1].Nodes.Select(n => n.Kind));
        Assert.Equal("hash(key group)", graph.Operators.Single(o => o.Kind == "KeyedProcess").InputPartitioning);
        Assert.Equal("chained", graph.Operators.Single(o => o.Kind == "Sink").InputPartitioning);
    }

    [Fact]
    public void Different_parallelism_rebalances_instead_of_chaining()
    {
        var job = new JobBuilder("rebalance");
        job.From(Words, 2).Map(w => w).Parallelism(3).To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>()));

        var graph = job.Build();

        Assert.Equal(2, graph.Chains.Count);
        Assert.Equal("rebalance", graph.Operators.Single(o => o.Kind == "Map").InputPartitioning);
        Assert.Equal(3, graph.Operators.Single(o => o.Kind == "Sink").Parallelism);
    }

    [Fact]
    public void Derived_operator_ids_are_stable_across_builds_and_uids_override_them()
    {
        static JobGraph Build(string? uid)
        {
            var job = new JobBuilder("ids");
            var mapped = job.From(Words).Map(w => w + "!");
            if (uid is not null)
            {
                mapped.Uid(uid);
            }

            mapped.Name("renamed-does-not-matter").To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>()));
            return job.Build();
        }

        var first = Build(null).Operators.Select(o => o.OperatorId).ToList();
        var second = Build(null).Operators.Select(o => o.OperatorId).ToList();
        var withUid = Build("my-map").Operators.Select(o => o.OperatorId).ToList();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal("my-map", withUid[1]);
        Assert.NotEqual(first[2], withUid[2]);
    }

    [Fact]
    public void Duplicate_uid_is_rejected_naming_both_operators()
    {
        var job = new JobBuilder("dup");
        job.From(Words).Uid("x").Map(w => w).Uid("x").Name("second").To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>()));

        var error = Assert.Throws<JobGraphException>(job.Build);

        Assert.Contains("'x'", error.Message);
        Assert.Contains("second", error.Message);
    }

    [Fact]
    public void Operator_without_consumer_is_rejected()
    {
        var job = new JobBuilder("dangling");
        var words = job.From(Words);
        words.Map(w => w.Length).Name("lengths");
        words.To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>()));

        var error = Assert.Throws<JobGraphException>(job.Build);

        Assert.Contains("lengths", error.Message);
        Assert.Contains("no consumer", error.Message);
    }

    [Fact]
    public void Keyed_parallelism_above_max_parallelism_is_rejected()
    {
        var job = new JobBuilder("too-wide") { MaxParallelism = 4 };
        job.From(Words).KeyBy(w => w).Process(() => new RunningCount()).Parallelism(5)
            .To(new AtLeastOnceCollectingSink<KeyCount>(new CollectedOutput<KeyCount>()));

        var error = Assert.Throws<JobGraphException>(job.Build);

        Assert.Contains("MaxParallelism 4", error.Message);
    }

    [Fact]
    public void Union_reads_both_inputs_in_one_task()
    {
        var job = new JobBuilder("union");
        var a = job.From(Words);
        var b = job.From(Words);
        a.Union(b).Map(w => w).To(new AtLeastOnceCollectingSink<string>(new CollectedOutput<string>()));

        var graph = job.Build();

        var map = graph.Nodes.Single(n => n.Kind == "Map");
        Assert.Equal(2, map.Inputs.Count);
        Assert.All(map.Inputs, e => Assert.False(e.IsChained));
        Assert.Throws<JobGraphException>(() => a.Union(a));
    }

    [Fact]
    public void Job_without_sink_is_rejected()
    {
        var job = new JobBuilder("nosink");
        job.From(Words);

        Assert.Contains("no sink", Assert.Throws<JobGraphException>(job.Build).Message);
    }
}
