using System;
using System.Collections.Generic;

namespace StreamGen.Generators.Helpers;

internal static class ImmutableEquatableArrayExtensions
{
    public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> values)
        where T : IEquatable<T>
        => new(values);
}
