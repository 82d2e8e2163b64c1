namespace StreamGen.Serialization;

/// <summary>
/// Writes and reads values of <typeparamref name="T"/> as MessagePack, without reflection. The StreamGen source
/// generator implements it for every type marked <see cref="MessagePackSerializableAttribute"/>.
/// </summary>
/// <typeparam name="T">The serialized type.</typeparam>
public interface IMessagePackSerializer<T>
{
    /// <summary>
    /// Writes <paramref name="value"/> as one MessagePack value. Does not call
    /// <see cref="MessagePackWriter.Flush"/>: the owner of <paramref name="writer"/> flushes once after its last value.
    /// </summary>
    /// <param name="writer">The writer to append to.</param>
    /// <param name="value">The value; a <see langword="null"/> reference is written as <c>nil</c>.</param>
    void Serialize(ref MessagePackWriter writer, T value);

    /// <summary>
    /// Reads one MessagePack value written by <see cref="Serialize"/> (or by an earlier version of the type: members
    /// unknown to <typeparamref name="T"/> are skipped, members missing from the data keep their defaults).
    /// </summary>
    /// <param name="reader">The reader, positioned at the value; left just after it.</param>
    /// <returns>The value; <c>nil</c> reads as <see langword="null"/> for reference types.</returns>
    /// <exception cref="MessagePackFormatException">The bytes are not a value of <typeparamref name="T"/>, or are truncated.</exception>
    T Deserialize(ref MessagePackReader reader);
}
