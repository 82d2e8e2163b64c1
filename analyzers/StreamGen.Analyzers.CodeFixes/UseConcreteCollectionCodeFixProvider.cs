using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StreamGen.Analyzers.CodeFixes
{
    /// <summary>
    /// SG0001 on a [State] member declared as a collection interface with one natural implementation
    /// (<c>IList&lt;T&gt;</c> → <c>List&lt;T&gt;</c>, <c>IDictionary&lt;K,V&gt;</c> → <c>Dictionary&lt;K,V&gt;</c>,
    /// <c>ISet&lt;T&gt;</c> → <c>HashSet&lt;T&gt;</c>, …): declares the concrete collection instead.
    /// </summary>
    /// <remarks>
    /// Not offered when an initializer would stop compiling (e.g. <c>IEnumerable&lt;int&gt; _x = Array.Empty&lt;int&gt;()</c>):
    /// a fix that breaks the build is not mechanical.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseConcreteCollectionCodeFixProvider))]
    [Shared]
    public sealed class UseConcreteCollectionCodeFixProvider : CodeFixProvider
    {
        /// <summary>Equivalence key of the action.</summary>
        public const string Key = "StreamGen.UseConcreteCollection";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.StateTypeNotCheckpointable);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(StateTypeAnalyzer.ConcreteCollectionProperty, out var concreteName)
                    || concreteName is null
                    || model.Compilation.GetTypeByMetadataName(concreteName) is not { } concreteDefinition)
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan);
                var (declaredType, initializers) = node switch
                {
                    VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } =>
                        (declaration.Type, declaration.Variables.Select(v => v.Initializer?.Value).ToList()),
                    PropertyDeclarationSyntax property =>
                        (property.Type, new List<ExpressionSyntax?> { property.Initializer?.Value }),
                    _ => (null, new List<ExpressionSyntax?>()),
                };
                var typeArguments = FindTypeArguments(declaredType);
                if (declaredType is null
                    || typeArguments is null
                    || model.GetTypeInfo(declaredType, context.CancellationToken).Type is not INamedTypeSymbol interfaceType
                    || interfaceType.TypeArguments.Length != concreteDefinition.Arity)
                {
                    continue;
                }

                var concreteType = concreteDefinition.Construct(interfaceType.TypeArguments.ToArray());
                if (!initializers.All(i => InitializerStillCompiles(i, concreteType, model, context.CancellationToken)))
                {
                    continue;
                }

                var title = $"Declare it as {concreteDefinition.Name}<{string.Join(", ", typeArguments.Arguments)}>";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => Task.FromResult(Replace(context.Document, root, declaredType, concreteDefinition, typeArguments)),
                        Key),
                    diagnostic);
            }
        }

        private static TypeArgumentListSyntax? FindTypeArguments(TypeSyntax? type) => type switch
        {
            NullableTypeSyntax nullable => FindTypeArguments(nullable.ElementType),
            GenericNameSyntax generic => generic.TypeArgumentList,
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList,
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
            _ => null,
        };

        private static bool InitializerStillCompiles(ExpressionSyntax? initializer, ITypeSymbol concreteType, SemanticModel model, CancellationToken cancellationToken)
        {
            if (initializer is null or ImplicitObjectCreationExpressionSyntax or CollectionExpressionSyntax
                || initializer.IsKind(SyntaxKind.NullLiteralExpression)
                || initializer.IsKind(SyntaxKind.DefaultLiteralExpression))
            {
                return true;
            }

            var type = model.GetTypeInfo(initializer, cancellationToken).Type;
            return type is not null && SymbolEqualityComparer.Default.Equals(type, concreteType);
        }

        private static Document Replace(
            Document document, SyntaxNode root, TypeSyntax declaredType, INamedTypeSymbol concreteDefinition, TypeArgumentListSyntax typeArguments)
        {
            // Fully qualified and annotated: the simplifier shortens it to List<T> wherever the namespace is imported.
            TypeSyntax concrete = QualifiedName(
                    ParseName("global::" + concreteDefinition.ContainingNamespace.ToDisplayString()),
                    GenericName(Identifier(concreteDefinition.Name), typeArguments.WithoutTrivia()))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            if (declaredType is NullableTypeSyntax nullable)
            {
                concrete = nullable.WithElementType(concrete);
            }

            return document.WithSyntaxRoot(root.ReplaceNode(declaredType, concrete.WithTriviaFrom(declaredType)));
        }
    }
}
