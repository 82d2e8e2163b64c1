using System.Xml.Linq;

namespace StreamGen.Packaging.Tests;

/// <summary>Writes a user project, from its <c>*.txt</c> templates, outside the repository.</summary>
internal static class UserProjects
{
    /// <summary>
    /// Copies the templates of <paramref name="template"/> (a folder next to the tests) into <paramref name="app"/>,
    /// with a nuget.config whose only sources are <paramref name="feed"/> (StreamGen's packages) and the registry.
    /// </summary>
    public static void Write(string template, string app, PackedFeed feed)
    {
        Directory.CreateDirectory(app);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, template), "*.txt"))
        {
            var text = File.ReadAllText(file).Replace("$(StreamGenVersion)", feed.Version, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(app, Path.GetFileNameWithoutExtension(file)), text);
        }

        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "streamgen"), new XAttribute("value", feed.Directory)),
                new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", "https://api.nuget.org/v3/index.json"))),
            new XElement("packageSourceMapping",
                Mapping("streamgen", "StreamGen*"),
                Mapping("nuget.org", "*")));
        config.Save(Path.Combine(app, "nuget.config"));

        static XElement Mapping(string key, string pattern) => new("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", pattern)));
    }
}
