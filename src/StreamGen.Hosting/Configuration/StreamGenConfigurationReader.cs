using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Quickenshtein;

namespace StreamGen.Hosting.Configuration;

/// <summary>
/// Reads the <c>StreamGen</c> section into <see cref="StreamGenOptions"/> and reports, per key, what the
/// configuration binder would silently ignore or throw on: keys no option has (with the nearest known key
/// suggested) and values that do not convert to the option's type (with the expected form). The known keys
/// are the public properties of the options types, so an option added there is known without further code.
/// </summary>
internal static class StreamGenConfigurationReader
{
    /// <summary>
    /// Sections under <c>StreamGen</c> that another StreamGen package binds to its own options type
    /// (<c>StreamGen:S3</c>: StreamGen.Storage.S3, which reports its own bad values when the storage is created).
    /// </summary>
    private static readonly string[] SectionsOfOtherPackages = ["S3"];

    /// <summary>
    /// Adds one message per bad key to <paramref name="errors"/> and binds the section. Returns <see langword="null"/>
    /// when a value does not convert (there is nothing sound to bind); unknown keys alone still bind, so the
    /// remaining checks can report their findings in the same message.
    /// </summary>
    public static StreamGenOptions? Read(IConfiguration configuration, List<string> errors)
    {
        var section = configuration.GetSection(StreamGenOptions.SectionName);
        var unknown = new List<string>();
        var invalid = new List<string>();
        CheckObject(section, typeof(StreamGenOptions), unknown, invalid, SectionsOfOtherPackages);
        errors.AddRange(unknown);
        errors.AddRange(invalid);
        if (invalid.Count > 0)
        {
            return null;
        }

        var options = new StreamGenOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // Not expected after the checks above (they convert every value as the binder does); kept so a gap
            // still ends as one message rather than a stack trace.
            errors.Add(ex.Message);
            return null;
        }

        return options;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> unknown, List<string> invalid, IReadOnlyCollection<string> ignored)
    {
        var properties = BindableProperties(type);
        foreach (var child in section.GetChildren())
        {
            if (ignored.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            // The binder matches property names case-insensitively; so does this check.
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                unknown.Add(UnknownKey(child, properties));
                continue;
            }

            CheckValue(child, property.PropertyType, unknown, invalid);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> unknown, List<string> invalid)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            if (section.GetChildren().FirstOrDefault() is { } child)
            {
                invalid.Add($"{section.Path} is a single value ({ExpectedForm(type)}), not a section, but {child.Path} is set.");
            }
            else if (!string.IsNullOrEmpty(section.Value) && !Converts(section.Value, type))
            {
                invalid.Add($"{section.Path} is '{section.Value}', which is not {ExpectedForm(type)}.");
            }

            return;
        }

        // Open sections on purpose: dictionaries take any key (librdkafka client properties, operator uids);
        // only their values are checked. Collections are indexed 0, 1, ...
        if ((DictionaryValueType(type) ?? CollectionElementType(type)) is { } itemType)
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, itemType, unknown, invalid);
            }

            return;
        }

        if (section.Value is { Length: > 0 } value)
        {
            invalid.Add($"{section.Path} is a section ({string.Join(", ", BindableProperties(type).Select(p => p.Name))}), not a single value, but is set to '{value}'.");
            return;
        }

        CheckObject(section, type, unknown, invalid, []);
    }

    private static string UnknownKey(IConfigurationSection key, IReadOnlyList<PropertyInfo> siblings)
    {
        var parent = key.Path[..^key.Key.Length];
        var nearest = Nearest(key.Key, siblings.Select(p => p.Name));
        var hint = nearest is not null
            ? $"did you mean {parent}{nearest}?"
            : $"the keys here are {string.Join(", ", siblings.Select(p => parent + p.Name))}.";
        return $"{key.Path} is not a StreamGen setting, so it would be ignored; {hint}";
    }

    /// <summary>The candidate closest to <paramref name="key"/> by edit distance, if it is close enough to be a typo.</summary>
    internal static string? Nearest(string key, IEnumerable<string> candidates)
    {
        var lower = key.ToLowerInvariant();
        var best = candidates.Select(c => (Name: c, Distance: Levenshtein.GetDistance(lower, c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();

        // Up to a third of the key's letters (at least 2) may differ: catches typos and plural slips, not unrelated names.
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Name : null;
    }

    private static List<PropertyInfo> BindableProperties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToList();

    private static bool IsScalar(Type type)
        => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? CollectionElementType(Type type)
        => type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
            : null;

    /// <summary>Converts as the configuration binder does (the type's <see cref="TypeConverter"/>, invariant culture).</summary>
    private static bool Converts(string value, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string ExpectedForm(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration as [d.]hh:mm:ss[.fff], e.g. 00:00:10 for ten seconds",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number such as 2.5",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(Uri) => "an absolute URL",
        _ => "a " + type.Name.ToLower(CultureInfo.InvariantCulture),
    };
}
