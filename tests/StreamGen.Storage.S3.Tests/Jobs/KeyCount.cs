namespace StreamGen.Storage.S3.Tests.Jobs;

/// <summary>Output of <see cref="RunningCount"/>: the key and its count after the record.</summary>
public readonly record struct KeyCount(string Key, long Count);
