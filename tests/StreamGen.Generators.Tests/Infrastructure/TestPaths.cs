using System.Reflection;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>Locates files checked in beside the tests (snapshots, the node decoder script).</summary>
internal static class TestPaths
{
    // Build output lives outside the source tree (STREAMGEN_ARTIFACTS), so the project records where it is.
    public static string ProjectDirectory { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    public static string Snapshots => Path.Combine(ProjectDirectory, "Snapshots");

    public static string Node => Path.Combine(ProjectDirectory, "node");
}
