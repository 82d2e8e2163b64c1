using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StreamGen.Generators.Helpers;

/// <summary>
/// A source location as plain data: a <see cref="Location"/> holds its syntax tree, which would keep the
/// compilation alive and break the pipeline's caching.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location)
        => location is { SourceTree: not null }
            ? new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;
}
