using Microsoft.CodeAnalysis.Text;

namespace StreamGen.Analyzers.Tests.Infrastructure;

/// <summary>A diagnostic a test source expects: its ID and the exact span it must be reported at.</summary>
public sealed record ExpectedDiagnostic(string Id, TextSpan Span);
