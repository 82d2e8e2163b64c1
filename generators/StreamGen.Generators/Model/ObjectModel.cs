using StreamGen.Generators.Helpers;

namespace StreamGen.Generators.Model;

/// <summary>A user record, class or struct serialized as a map of its members.</summary>
/// <param name="FullName">The <c>global::</c>-qualified type name.</param>
/// <param name="IsValueType">True for structs (never nil).</param>
/// <param name="Members">Serialized members in declaration order.</param>
/// <param name="ConstructorParameters">Member names passed to the chosen constructor, in parameter order.</param>
internal sealed record ObjectModel(
    string FullName,
    bool IsValueType,
    ImmutableEquatableArray<ObjectMemberModel> Members,
    ImmutableEquatableArray<string> ConstructorParameters);
