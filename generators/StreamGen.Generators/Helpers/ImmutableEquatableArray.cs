using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace StreamGen.Generators.Helpers;

/// <summary>
/// An immutable array compared by its elements. Models use it instead of arrays or ImmutableArray (both
/// compared by reference) so an unchanged model compares equal and the incremental pipeline stays cached.
/// </summary>
internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly ImmutableEquatableArray<T> Empty = new(Array.Empty<T>());

    private readonly T[] _values;

    public ImmutableEquatableArray(IEnumerable<T> values) => _values = values.ToArray();

    public T this[int index] => _values[index];

    public int Count => _values.Length;

    public bool Equals(ImmutableEquatableArray<T>? other)
        => other is not null && (ReferenceEquals(this, other) || _values.SequenceEqual(other._values));

    public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var value in _values)
        {
            hash = unchecked((hash * 31) + (value is null ? 0 : value.GetHashCode()));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();
}
