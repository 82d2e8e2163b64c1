using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StreamGen.Analyzers.CodeFixes
{
    /// <summary>
    /// SG0002: marks an undeclared mutable field as [State] (checkpoint it) or [Transient] (deliberately not).
    /// Which one is right is the user's call, so both are offered.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStateOrTransientCodeFixProvider))]
    [Shared]
    public sealed class AddStateOrTransientCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of the "add [State]" action.</summary>
        public const string AddStateKey = "StreamGen.AddState";

        /// <summary>Equivalence key of the "add [Transient]" action.</summary>
        public const string AddTransientKey = "StreamGen.AddTransient";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.MutableFieldNotDeclared);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var node = root?.FindNode(context.Span);
            MemberDeclarationSyntax? declaration = node switch
            {
                VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => field,
                PropertyDeclarationSyntax property => property,
                _ => null,
            };
            if (declaration is null)
            {
                return;
            }

            // With several declarators ('int _a, _b;') the attribute applies to all of them, as C# has it.
            var name = node is VariableDeclaratorSyntax declarator ? declarator.Identifier.ValueText : ((PropertyDeclarationSyntax)declaration).Identifier.ValueText;
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Checkpoint '{name}': mark it [State]",
                        ct => AttributeEditor.AddAttributeAsync(context.Document, declaration, "State", ownLine: false, ct),
                        AddStateKey),
                    diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Do not checkpoint '{name}': mark it [Transient]",
                        ct => AttributeEditor.AddAttributeAsync(context.Document, declaration, "Transient", ownLine: false, ct),
                        AddTransientKey),
                    diagnostic);
            }
        }
    }
}
