using Microsoft.CodeAnalysis;

namespace StreamGen.Generators;

/// <summary>
/// The diagnostics the source generator itself reports: what it finds only while it builds the serializers.
/// Their IDs start at SG0100 so they can never collide with the analyzers' SG0001… (a separate project); one page
/// each under <c>docs/diagnostics/</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StreamGen.Serialization";

    private static string HelpLink(string id) => $"https://github.com/streamgen/streamgen/blob/main/docs/diagnostics/{id}.md";

    /// <summary>SG0100: a member of a serialized user type holds data the generated serializer cannot write or restore.</summary>
    public static readonly DiagnosticDescriptor MemberNotSerialized = new(
        id: "SG0100",
        title: "Member of a serialized type is not written",
        messageFormat: "Member '{1}' of '{0}' is not written by the generated serializer and would be lost on restore: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generated serializer of a user type writes every instance field and every property that holds data, "
            + "private ones included (reached through generated UnsafeAccessor methods). A member it can neither write nor give "
            + "back is reported instead of being dropped silently. Mark it [Transient] when it is not state.",
        helpLinkUri: HelpLink("SG0100"));
}
