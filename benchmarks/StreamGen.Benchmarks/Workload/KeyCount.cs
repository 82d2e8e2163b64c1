namespace StreamGen.Benchmarks.Workload;

/// <summary>A key's count after a record; a struct, so emitting it allocates nothing.</summary>
public readonly record struct KeyCount(string Key, long Count);
