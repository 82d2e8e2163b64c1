namespace StreamGen.Execution;

internal sealed class FlatMapOperator<TIn, TOut> : ChainedOperator<TIn>
{
    private readonly Action<TIn, Context<TOut>> _flatMapper;
    private readonly OutputContext<TOut> _context;

    public FlatMapOperator(OperatorRuntimeContext context, Action<TIn, Context<TOut>> flatMapper, IOutput<TOut> output)
        : base(context)
    {
        _flatMapper = flatMapper;
        _context = new OutputContext<TOut>(output, Metrics);
    }

    public override void Collect(TIn record)
    {
        Metrics.RecordsIn++;
        _flatMapper(record, _context);
    }
}
