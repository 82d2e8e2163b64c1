using StreamGen.Diagnostics;

namespace StreamGen.Execution;

/// <summary>The <see cref="Context{TOut}"/> handed to user operators: one instance per operator subtask, so emitting allocates nothing.</summary>
internal sealed class OutputContext<TOut> : Context<TOut>
{
    private readonly IOutput<TOut> _output;
    private readonly OperatorMetrics _metrics;

    public OutputContext(IOutput<TOut> output, OperatorMetrics metrics)
    {
        _output = output;
        _metrics = metrics;
    }

    public override void Emit(TOut value)
    {
        _metrics.RecordsOut++;
        _output.Collect(value);
    }
}
