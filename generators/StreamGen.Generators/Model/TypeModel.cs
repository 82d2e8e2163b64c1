using StreamGen.Generators.Helpers;

namespace StreamGen.Generators.Model;

/// <summary>
/// A state type as the emitter needs it. User object types are referenced by <see cref="FullName"/> and
/// described once in <see cref="OperatorModel.Objects"/>, so recursive types stay finite.
/// </summary>
/// <param name="Kind">The encoding family.</param>
/// <param name="FullName">The <c>global::</c>-qualified name used in code, with nested nullable annotations but none at top level.</param>
/// <param name="ShortName">A readable identifier fragment used to name the serializer helpers (e.g. <c>ListOfString</c>).</param>
/// <param name="ReadMethod">For primitives and enums, the <c>MessagePackReader</c> method that reads the value.</param>
/// <param name="EnumUnderlyingType">For enums, the underlying integer type keyword.</param>
/// <param name="Arguments">Element, key/value, tuple element or nullable underlying types.</param>
/// <param name="IsReferenceType">True when the value can be null (written as nil).</param>
/// <param name="IsImmutable">True when copies may share the value (no deep copy needed).</param>
internal sealed record TypeModel(
    StateTypeKind Kind,
    string FullName,
    string ShortName,
    string? ReadMethod,
    string? EnumUnderlyingType,
    ImmutableEquatableArray<TypeModel> Arguments,
    bool IsReferenceType,
    bool IsImmutable)
{
    /// <summary>True when the emitter writes helper methods for the type instead of a single reader/writer call.</summary>
    public bool NeedsHelper => Kind is not (StateTypeKind.Primitive or StateTypeKind.String or StateTypeKind.Bytes or StateTypeKind.Enum);
}
