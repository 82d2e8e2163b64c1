namespace StreamGen;

/// <summary>
/// Marks a <c>partial</c> operator class whose <see cref="StateAttribute"/> fields are checkpointed.
/// The StreamGen source generator emits the state serializers and the snapshot/restore glue for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class StreamOperatorAttribute : Attribute
{
}
