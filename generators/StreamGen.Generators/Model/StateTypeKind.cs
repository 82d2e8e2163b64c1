namespace StreamGen.Generators.Model;

/// <summary>How a state type is encoded; decides which serializer code the emitter writes.</summary>
internal enum StateTypeKind
{
    /// <summary>A type the MessagePack writer/reader handle directly (numbers, bool, char, DateTime, Guid, …).</summary>
    Primitive,
    /// <summary><c>string</c>: str or nil.</summary>
    String,
    /// <summary><c>byte[]</c>: bin or nil.</summary>
    Bytes,
    /// <summary>An enum, written as its underlying integer.</summary>
    Enum,
    /// <summary><c>Nullable&lt;T&gt;</c>: nil or the value.</summary>
    Nullable,
    /// <summary>A single-dimensional array: array or nil.</summary>
    Array,
    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,
    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,
    /// <summary><c>Queue&lt;T&gt;</c>.</summary>
    Queue,
    /// <summary><c>Dictionary&lt;TKey, TValue&gt;</c>: map or nil.</summary>
    Dictionary,
    /// <summary>A value tuple: array of its elements.</summary>
    Tuple,
    /// <summary>A user record, class or struct: map keyed by member name, or nil.</summary>
    Object,
}
