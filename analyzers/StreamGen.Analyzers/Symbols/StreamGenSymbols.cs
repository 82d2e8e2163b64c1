using Microsoft.CodeAnalysis;

namespace StreamGen.Analyzers.Symbols
{
    /// <summary>
    /// The StreamGen types the rules look for, resolved once per compilation so symbol actions compare
    /// symbols instead of names.
    /// </summary>
    internal sealed class StreamGenSymbols
    {
        private StreamGenSymbols(
            INamedTypeSymbol streamOperatorAttribute,
            INamedTypeSymbol stateAttribute,
            INamedTypeSymbol transientAttribute,
            INamedTypeSymbol streamOperator,
            INamedTypeSymbol? keyedProcessor)
        {
            StreamOperatorAttribute = streamOperatorAttribute;
            StateAttribute = stateAttribute;
            TransientAttribute = transientAttribute;
            StreamOperator = streamOperator;
            KeyedProcessor = keyedProcessor;
        }

        public INamedTypeSymbol StreamOperatorAttribute { get; }

        public INamedTypeSymbol StateAttribute { get; }

        public INamedTypeSymbol TransientAttribute { get; }

        public INamedTypeSymbol StreamOperator { get; }

        /// <summary>The open <c>KeyedProcessor&lt;TKey, TIn, TOut&gt;</c>.</summary>
        public INamedTypeSymbol? KeyedProcessor { get; }

        /// <summary>
        /// Returns <see langword="null"/> when the compilation does not reference StreamGen: the analyzers
        /// then register nothing, which keeps them free for projects that merely carry the package.
        /// </summary>
        public static StreamGenSymbols? Create(Compilation compilation)
        {
            var operatorAttribute = compilation.GetTypeByMetadataName("StreamGen.StreamOperatorAttribute");
            var stateAttribute = compilation.GetTypeByMetadataName("StreamGen.StateAttribute");
            var transientAttribute = compilation.GetTypeByMetadataName("StreamGen.TransientAttribute");
            var streamOperator = compilation.GetTypeByMetadataName("StreamGen.StreamOperator");
            if (operatorAttribute is null || stateAttribute is null || transientAttribute is null || streamOperator is null)
            {
                return null;
            }

            return new StreamGenSymbols(
                operatorAttribute,
                stateAttribute,
                transientAttribute,
                streamOperator,
                compilation.GetTypeByMetadataName("StreamGen.KeyedProcessor`3"));
        }

        public bool IsOperator(INamedTypeSymbol? type) => type is not null && HasAttribute(type, StreamOperatorAttribute);

        public bool IsState(ISymbol member) => HasAttribute(member, StateAttribute);

        public bool IsTransient(ISymbol member) => HasAttribute(member, TransientAttribute);

        public bool DerivesFromStreamOperator(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, StreamOperator))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Returns the constructed <c>KeyedProcessor&lt;,,&gt;</c> base of <paramref name="type"/>, if any.</summary>
        public INamedTypeSymbol? GetKeyedProcessorBase(INamedTypeSymbol type)
        {
            if (KeyedProcessor is null)
            {
                return null;
            }

            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, KeyedProcessor))
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>
        /// The name a [State] member is checkpointed under: the explicit <c>[State("name")]</c>, else the member name.
        /// </summary>
        public string GetStateName(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, StateAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }

            return member.Name;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
