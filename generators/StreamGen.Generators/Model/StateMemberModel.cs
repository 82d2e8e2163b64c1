namespace StreamGen.Generators.Model;

/// <summary>A <c>[State]</c> field or property of an operator.</summary>
/// <param name="MemberName">The C# member name.</param>
/// <param name="StateName">The name the state is stored under (member name or <c>[State("name")]</c>).</param>
/// <param name="SchemaTypeName">The type name recorded in the <c>StateSchema</c> (fully qualified, no reference nullability).</param>
/// <param name="DeclaredTypeName">The member type as declared, for the per-key struct field (keeps a top-level <c>?</c>).</param>
/// <param name="Type">How the value is serialized.</param>
internal sealed record StateMemberModel(string MemberName, string StateName, string SchemaTypeName, string DeclaredTypeName, TypeModel Type);
