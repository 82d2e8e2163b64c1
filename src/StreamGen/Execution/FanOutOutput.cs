namespace StreamGen.Execution;

/// <summary>Sends every record to all consumers of an operator (each edge partitions on its own).</summary>
internal sealed class FanOutOutput<T> : IOutput<T>
{
    private readonly IOutput<T>[] _outputs;

    public FanOutOutput(IOutput<T>[] outputs) => _outputs = outputs;

    public void Collect(T record)
    {
        var outputs = _outputs;
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i].Collect(record);
        }
    }
}
