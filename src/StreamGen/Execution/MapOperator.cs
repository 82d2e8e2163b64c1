namespace StreamGen.Execution;

internal sealed class MapOperator<TIn, TOut> : ChainedOperator<TIn>
{
    private readonly Func<TIn, TOut> _mapper;
    private readonly IOutput<TOut> _output;

    public MapOperator(OperatorRuntimeContext context, Func<TIn, TOut> mapper, IOutput<TOut> output)
        : base(context)
    {
        _mapper = mapper;
        _output = output;
    }

    public override void Collect(TIn record)
    {
        Metrics.RecordsIn++;
        var result = _mapper(record);
        Metrics.RecordsOut++;
        _output.Collect(result);
    }
}
