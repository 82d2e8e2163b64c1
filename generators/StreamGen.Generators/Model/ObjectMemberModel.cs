namespace StreamGen.Generators.Model;

/// <summary>A serialized member of a user type.</summary>
/// <param name="Name">The member name, also its key in the MessagePack map.</param>
/// <param name="Type">The member type.</param>
/// <param name="Assignment">How a read value is put into a new instance.</param>
/// <param name="Accessor">How the member is reached when generated code cannot name it, else null.</param>
internal sealed record ObjectMemberModel(string Name, TypeModel Type, MemberAssignment Assignment, MemberAccessor? Accessor = null);
