namespace StreamGen.Kafka.Embedded;

/// <summary>A topic an embedded broker creates when it starts.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions.</param>
public sealed record EmbeddedTopic(string Name, int Partitions = 1)
{
    /// <summary>Parses <c>name</c> or <c>name:partitions</c>, the server's command-line form.</summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static EmbeddedTopic Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return Valid(text, 1);
        }

        return int.TryParse(text.AsSpan(colon + 1), out var partitions)
            ? Valid(text[..colon], partitions)
            : throw new FormatException($"'{text}' is not a topic: expected name or name:partitions.");

        static EmbeddedTopic Valid(string name, int partitions) =>
            string.IsNullOrWhiteSpace(name) || partitions < 1
                ? throw new FormatException($"'{name}:{partitions}' is not a topic: the name must not be empty and partitions must be at least 1.")
                : new EmbeddedTopic(name, partitions);
    }

    /// <summary>The <c>name:partitions</c> form.</summary>
    public override string ToString() => $"{Name}:{Partitions}";
}
