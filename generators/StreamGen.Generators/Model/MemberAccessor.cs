namespace StreamGen.Generators.Model;

/// <summary>
/// How generated code reaches a member it cannot name directly (a private field, an auto-property's backing field,
/// a private getter or setter): through a generated <c>[UnsafeAccessor]</c> method, which the runtime binds without
/// reflection, so it stays trimming- and NativeAOT-safe.
/// </summary>
/// <param name="DeclaringType">The <c>global::</c>-qualified type that declares the member (the accessor's first parameter).</param>
/// <param name="DeclaringTypeIsValueType">True for a struct: the accessor takes it by <c>ref</c>.</param>
/// <param name="FieldName">The field read and written through a <c>ref</c> accessor, or null when methods are used.</param>
/// <param name="GetterName">The getter method to call (<c>get_X</c>) when it is not visible, else null.</param>
/// <param name="SetterName">The setter method to call (<c>set_X</c>) when it is not visible, else null.</param>
internal sealed record MemberAccessor(
    string DeclaringType,
    bool DeclaringTypeIsValueType,
    string? FieldName,
    string? GetterName,
    string? SetterName);
