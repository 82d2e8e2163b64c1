using System.Linq;
using Microsoft.CodeAnalysis;

namespace StreamGen.Generators.Helpers;

/// <summary>
/// A diagnostic as equatable data, carried through the incremental pipeline with the model and reported at the
/// end (a Roslyn <see cref="Diagnostic"/> is not equatable and holds syntax).
/// </summary>
/// <param name="Descriptor">The rule (one of <see cref="DiagnosticDescriptors"/>; compared by reference).</param>
/// <param name="Location">Where to report it, or null for no source location.</param>
/// <param name="Arguments">The message format arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, ImmutableEquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.ToArray());
}
