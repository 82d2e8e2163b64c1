namespace StreamGen.Execution;

internal sealed class FilterOperator<T> : ChainedOperator<T>
{
    private readonly Func<T, bool> _predicate;
    private readonly IOutput<T> _output;

    public FilterOperator(OperatorRuntimeContext context, Func<T, bool> predicate, IOutput<T> output)
        : base(context)
    {
        _predicate = predicate;
        _output = output;
    }

    public override void Collect(T record)
    {
        Metrics.RecordsIn++;
        if (_predicate(record))
        {
            Metrics.RecordsOut++;
            _output.Collect(record);
        }
    }
}
