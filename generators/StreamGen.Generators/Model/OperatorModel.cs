using StreamGen.Generators.Helpers;

namespace StreamGen.Generators.Model;

/// <summary>Everything the emitter needs to write one operator's state code. Equatable: no symbols or syntax.</summary>
/// <param name="Namespace">The operator's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Outer types, outermost first.</param>
/// <param name="NameWithTypeParameters">The operator class name as declared, e.g. <c>RunningCount</c>.</param>
/// <param name="DisplayName">The fully qualified name recorded in the schema and in messages.</param>
/// <param name="HintName">The generated file name.</param>
/// <param name="KeyType">The <c>TKey</c> of a keyed operator, or null for operator state.</param>
/// <param name="KeyedStateAccessibility">Accessibility of the generated per-key struct (public unless a state type is less visible).</param>
/// <param name="StateMembers">The <c>[State]</c> members in declaration order.</param>
/// <param name="Objects">Every user type reachable from the state, serialized as maps.</param>
/// <param name="Diagnostics">What the parser found it could not serialize (reported once per location across all models).</param>
internal sealed record OperatorModel(
    string? Namespace,
    ImmutableEquatableArray<ContainingTypeModel> ContainingTypes,
    string NameWithTypeParameters,
    string DisplayName,
    string HintName,
    TypeModel? KeyType,
    string KeyedStateAccessibility,
    ImmutableEquatableArray<StateMemberModel> StateMembers,
    ImmutableEquatableArray<ObjectModel> Objects,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>True for a <c>KeyedProcessor</c>: state is per key.</summary>
    public bool IsKeyed => KeyType is not null;
}
