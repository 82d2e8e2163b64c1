using StreamGen.Generators.Helpers;

namespace StreamGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to write the MessagePack serializer of one <c>[MessagePackSerializable]</c> type.
/// Equatable: no symbols or syntax.
/// </summary>
/// <param name="Namespace">The type's namespace (where the serializer goes), or null for the global namespace.</param>
/// <param name="SerializerName">The serializer class name: the type name (after its containing types' names) + <c>MessagePackSerializer</c>.</param>
/// <param name="Accessibility">The serializer's accessibility: the type's effective one, <c>public</c> or <c>internal</c>.</param>
/// <param name="DisplayName">The type's fully qualified name, for comments.</param>
/// <param name="HintName">The generated file name.</param>
/// <param name="Type">The serialized type (an <see cref="StateTypeKind.Object"/>).</param>
/// <param name="Objects">Every user type reachable from <paramref name="Type"/>, itself included, serialized as maps.</param>
/// <param name="Diagnostics">What the parser found it could not serialize (reported once per location across all models).</param>
internal sealed record PayloadModel(
    string? Namespace,
    string SerializerName,
    string Accessibility,
    string DisplayName,
    string HintName,
    TypeModel Type,
    ImmutableEquatableArray<ObjectModel> Objects,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
