namespace StreamGen.Generators.Model;

/// <summary>A type an operator is nested in; the generated partial declaration repeats it.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="NameWithTypeParameters">The name as declared, e.g. <c>Outer&lt;T&gt;</c>.</param>
internal sealed record ContainingTypeModel(string Keyword, string NameWithTypeParameters);
