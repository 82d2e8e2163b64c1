namespace StreamGen.Tests.Compatibility;

/// <summary>Operator (non-keyed) state: how many lines it has seen in total and per key.</summary>
[StreamOperator]
public sealed partial class FixtureTallyOperator : Processor<string, string>
{
    [State] private long _total;
    [State("perKey")] private Dictionary<string, long> _perKey = new();

    public override void Process(string line, Context<string> context)
    {
        _total++;
        var key = line[..line.IndexOf(':')];
        _perKey[key] = _perKey.GetValueOrDefault(key) + 1;
        context.Emit($"{_total}#{_perKey[key]}#{line}");
    }
}
