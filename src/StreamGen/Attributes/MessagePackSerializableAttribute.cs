namespace StreamGen;

/// <summary>
/// Asks the StreamGen source generator for a reflection-free MessagePack serializer of this record, class or
/// struct, for use as a message payload (for example with <c>KafkaSerializers.MessagePack</c>).
/// </summary>
/// <remarks>
/// For a type <c>Shop.Order</c> the generator emits <c>Shop.OrderMessagePackSerializer</c>, an
/// <see cref="Serialization.IMessagePackSerializer{T}"/> with a static <c>Instance</c> and the accessibility of
/// the type. The bytes are the map-by-member-name format of user types in checkpointed state
/// (docs/state-format.md), so payloads evolve by the same rules: members added since a message was written get
/// their defaults or initializers, members removed are skipped. The type need not be <c>partial</c>.
/// Members of types with no encoding are left out without a diagnostic (unlike state, where the analyzers
/// report them); generic types and types not visible at namespace level (private or protected nested types)
/// get no serializer.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class MessagePackSerializableAttribute : Attribute
{
}
