namespace StreamGen.Serialization;

/// <summary>Thrown when bytes are not the MessagePack value the reader was asked for, or are truncated.</summary>
public sealed class MessagePackFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessagePackFormatException(string message, int position)
        : base($"{message} (at byte {position})")
    {
        Position = position;
    }

    /// <summary>The offset in the input where the problem was found.</summary>
    public int Position { get; }
}
