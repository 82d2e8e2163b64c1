using Microsoft.CodeAnalysis;
using StreamGen.Generators.Model;

namespace StreamGen.Generators;

public sealed partial class StreamGenGenerator
{
    internal sealed partial class Parser
    {
        /// <summary>A member of a user type being considered for its serialized map (parser-internal: holds symbols).</summary>
        /// <param name="Name">The member name, its key in the map.</param>
        /// <param name="Symbol">The member, for diagnostics.</param>
        /// <param name="Type">The member type.</param>
        /// <param name="Readable">Whether generated code can read it by name.</param>
        /// <param name="Settable">Whether generated code can assign it by name (or in an object initializer).</param>
        /// <param name="InitOnly">Whether that assignment must be in the object initializer (<c>init</c>, <c>required</c>).</param>
        /// <param name="Accessor">The generated accessor that reaches what name access cannot, or null.</param>
        /// <param name="Reachability">Whether it holds data and whether that data can be restored.</param>
        /// <param name="Reason">Why it cannot be restored, for <see cref="StreamGen.Generators.Model.Reachability.Unreachable"/>.</param>
        private sealed record MemberCandidate(
            string Name,
            ISymbol Symbol,
            ITypeSymbol Type,
            bool Readable,
            bool Settable,
            bool InitOnly,
            MemberAccessor? Accessor,
            Reachability Reachability,
            string? Reason)
        {
            /// <summary>The member type's encoding, or null when it has none; filled in after collection.</summary>
            public TypeModel? Model { get; init; }
        }
    }
}
