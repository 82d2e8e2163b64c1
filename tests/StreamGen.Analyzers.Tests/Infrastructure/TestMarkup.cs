using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Inline expectations in test sources: <c>{|SG0001:_field|}</c> expects SG0001 exactly on <c>_field</c>;
/// <c>[|_field|]</c> expects the test's default diagnostic there. Markers may nest.
/// </summary>
public static class TestMarkup
{
    /// <summary>Removes the markers and returns the plain source with the spans they enclosed.</summary>
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId = null)
    {
        var output = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start)>();
        var expected = new List<ExpectedDiagnostic>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (Matches(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"Marker '{{|' at offset {i} has no ':' after its diagnostic ID.");
                }

                open.Push((markup.Substring(i + 2, colon - i - 2), output.Length));
                i = colon;
            }
            else if (Matches(markup, i, "[|"))
            {
                open.Push((null, output.Length));
                i++;
            }
            else if (Matches(markup, i, "|}") || Matches(markup, i, "|]"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Closing marker at offset {i} has no opening marker.");
                }

                var (id, start) = open.Pop();
                id ??= defaultId ?? throw new FormatException("'[|...|]' needs a default diagnostic ID.");
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, output.Length)));
                i++;
            }
            else
            {
                output.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException("A marker is not closed.");
        }

        return (output.ToString(), expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());
    }

    private static bool Matches(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
