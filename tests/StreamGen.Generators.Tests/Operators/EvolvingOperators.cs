namespace StreamGen.Generators.Tests.Operators;

// Successive versions of one operator, as a user would edit it between runs of a job.

[StreamOperator]
public sealed partial class CounterV1 : Processor<int, int>
{
    [State] public long Count;
    [State] public string Name = "v1";
    [State] public List<int> Removed = new() { 1, 2, 3 };

    public override void Process(int value, Context<int> context) => Count++;
}

/// <summary>Removed <c>Removed</c>, added <c>Added</c> and <c>Tags</c>.</summary>
[StreamOperator]
public sealed partial class CounterV2 : Processor<int, int>
{
    [State] public long Count;
    [State] public string Name = "v2";
    [State] public int Added = 42;
    [State] public List<string> Tags = new() { "default" };

    public override void Process(int value, Context<int> context) => Count++;
}

/// <summary>Changed the type of <c>Count</c>.</summary>
[StreamOperator]
public sealed partial class CounterV3 : Processor<int, int>
{
    [State] public string Count = "";

    public override void Process(int value, Context<int> context)
    {
    }
}

[StreamOperator]
public sealed partial class KeyedCounterV1 : KeyedProcessor<string, int, int>
{
    [State] public long Count;
    [State] public List<int> Removed = new();

    public override void Process(int value, Context<int> context) => Count++;
}

[StreamOperator]
public sealed partial class KeyedCounterV2 : KeyedProcessor<string, int, int>
{
    [State] public long Count;
    [State] public List<string> Added = new() { "fresh" };

    public override void Process(int value, Context<int> context) => Count++;
}

/// <summary>A user type before and after an edit; the operators hold it under the same state name.</summary>
public sealed class ProfileV1
{
    public string Name { get; set; } = "";

    public int Visits { get; set; }
}

public sealed class ProfileV2
{
    public string Name { get; set; } = "";

    public string Country { get; set; } = "unknown";
}

[StreamOperator]
public sealed partial class ProfileOperatorV1 : Processor<int, int>
{
    [State("profile")] public ProfileV1 Profile = new();

    public override void Process(int value, Context<int> context)
    {
    }
}

[StreamOperator]
public sealed partial class ProfileOperatorV2 : Processor<int, int>
{
    [State("profile")] public ProfileV2 Profile = new();

    public override void Process(int value, Context<int> context)
    {
    }
}
