namespace StreamGen.Connectors;

/// <summary>
/// The "external system" behind the collecting sinks: visible records plus prepared (not yet visible)
/// transactions. It lives outside the job, so it survives job restarts in the same process, and its
/// commits are idempotent by transaction id, as a transactional store's must be for exactly-once.
/// Thread-safe.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CollectedOutput<T>
{
    private readonly object _lock = new();
    private readonly List<T> _records = new();
    private readonly Dictionary<string, T[]> _prepared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _committed = new(StringComparer.Ordinal);

    /// <summary>A copy of the visible records, in commit order.</summary>
    public IReadOnlyList<T> Records
    {
        get
        {
            lock (_lock)
            {
                return _records.ToList();
            }
        }
    }

    /// <summary>Number of committed transactions.</summary>
    public int CommittedTransactions
    {
        get
        {
            lock (_lock)
            {
                return _committed.Count;
            }
        }
    }

    /// <summary>Ids of prepared transactions not yet committed or aborted.</summary>
    public IReadOnlyList<string> PreparedTransactions
    {
        get
        {
            lock (_lock)
            {
                return _prepared.Keys.ToList();
            }
        }
    }

    /// <summary>Appends records immediately (non-transactional write).</summary>
    public void Append(ReadOnlySpan<T> records)
    {
        lock (_lock)
        {
            _records.AddRange(records);
        }
    }

    /// <summary>Stores <paramref name="records"/> under <paramref name="transactionId"/>, invisible until committed.</summary>
    public void Prepare(string transactionId, T[] records)
    {
        lock (_lock)
        {
            if (!_committed.Contains(transactionId))
            {
                _prepared[transactionId] = records;
            }
        }
    }

    /// <summary>Makes a prepared transaction visible. Committing twice, or an unknown id, is a no-op.</summary>
    /// <returns>True if this call made records visible.</returns>
    public bool Commit(string transactionId)
    {
        lock (_lock)
        {
            if (!_prepared.Remove(transactionId, out var records))
            {
                return false;
            }

            _committed.Add(transactionId);
            _records.AddRange(records);
            return true;
        }
    }

    /// <summary>Discards a prepared transaction.</summary>
    public void Abort(string transactionId)
    {
        lock (_lock)
        {
            _prepared.Remove(transactionId);
        }
    }

    /// <summary>Clears everything.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
            _prepared.Clear();
            _committed.Clear();
        }
    }
}
