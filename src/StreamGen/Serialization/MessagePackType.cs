namespace StreamGen.Serialization;

/// <summary>The family of the next MessagePack value, as seen by <see cref="MessagePackReader.NextType"/>.</summary>
public enum MessagePackType
{
    /// <summary>Not a valid format byte, or no data left.</summary>
    Unknown,
    /// <summary>An integer of any width or sign.</summary>
    Integer,
    /// <summary><c>nil</c>.</summary>
    Nil,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>float 32 or float 64.</summary>
    Float,
    /// <summary>A UTF-8 string.</summary>
    String,
    /// <summary>A byte array.</summary>
    Binary,
    /// <summary>An array header.</summary>
    Array,
    /// <summary>A map header.</summary>
    Map,
    /// <summary>An extension value.</summary>
    Extension,
}
