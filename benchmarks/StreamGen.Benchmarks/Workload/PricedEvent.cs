namespace StreamGen.Benchmarks.Workload;

/// <summary>An event after the first map.</summary>
public readonly record struct PricedEvent(long Id, int Customer, double Price);
