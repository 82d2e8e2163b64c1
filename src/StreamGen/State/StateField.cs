namespace StreamGen.State;

/// <summary>One checkpointed member of an operator: its stable state name and its declared type.</summary>
/// <param name="Name">The state name (the member name, or <see cref="StateAttribute.Name"/>).</param>
/// <param name="TypeName">The declared type, fully qualified, e.g. <c>global::System.Collections.Generic.HashSet&lt;string&gt;</c>.</param>
public sealed record StateField(string Name, string TypeName);
