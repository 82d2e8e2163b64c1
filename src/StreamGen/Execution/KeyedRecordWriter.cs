using StreamGen.State;

namespace StreamGen.Execution;

/// <summary>
/// Writes a <c>KeyBy</c> edge: the key's key group decides the consumer subtask, and key and key group
/// travel with the record.
/// </summary>
internal sealed class KeyedRecordWriter<TKey, T> : ChannelWriter<KeyedRecord<TKey, T>>, IOutput<T>
    where TKey : notnull
{
    private readonly Func<T, TKey> _keySelector;
    private readonly int _maxParallelism;
    private readonly string _operatorName;

    public KeyedRecordWriter(InputChannel<KeyedRecord<TKey, T>>[] targets, int batchSize, Func<T, TKey> keySelector, int maxParallelism, string operatorName, CancellationToken cancellationToken)
        : base(targets, batchSize, cancellationToken)
    {
        _keySelector = keySelector;
        _maxParallelism = maxParallelism;
        _operatorName = operatorName;
    }

    public void Collect(T record)
    {
        var key = _keySelector(record);
        if (key is null)
        {
            throw new InvalidOperationException($"The KeyBy selector in front of '{_operatorName}' returned null. Keys must not be null; map null to a sentinel key.");
        }

        var keyGroup = KeyGroups.Of(key, _maxParallelism);
        Add(KeyGroups.SubtaskFor(keyGroup, _maxParallelism, TargetCount), new KeyedRecord<TKey, T>(key, keyGroup, record));
    }
}
