namespace StreamGen.Benchmarks.Workload;

/// <summary>An input event of the stateless chain; a struct, as a parsed record would be.</summary>
public readonly record struct Event(long Id, int Customer, int AmountCents);
