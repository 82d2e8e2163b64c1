namespace StreamGen;

/// <summary>
/// Marks a mutable field of a <see cref="StreamOperatorAttribute"/> class as deliberately not checkpointed
/// (a cache, a client, a buffer rebuilt in <see cref="StreamOperator.Open"/>). After a restore it holds
/// whatever the constructor and <see cref="StreamOperator.Open"/> give it.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class TransientAttribute : Attribute
{
}
