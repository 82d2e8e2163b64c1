using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StreamGen.Tests.Roslyn;

namespace StreamGen.Generators.Tests.Infrastructure;

/// <summary>
/// A source generator test of <see cref="StreamGenGenerator"/>: the sources compile as a user project that references
/// StreamGen (the SDK's targeting pack, StreamGen.dll, nullable on, the latest C#), the generator must add exactly the
/// expected <c>GeneratedSources</c>, and the project with them must have no diagnostics but the expected ones.
/// </summary>
internal sealed class StreamGenGeneratorTest : CSharpSourceGeneratorTest<StreamGenGenerator, DefaultVerifier>
{
    /// <summary>Uses the SDK's targeting pack instead of downloading reference assemblies (see <see cref="TargetingPack"/>).</summary>
    public StreamGenGeneratorTest()
    {
        ReferenceAssemblies = TargetingPack.ReferenceAssemblies;
        TestState.AdditionalReferences.AddRange(TargetingPack.References);
    }

    /// <summary>The nullable context of the user project.</summary>
    public NullableContextOptions Nullable { get; init; } = NullableContextOptions.Enable;

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(Nullable);

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
}
