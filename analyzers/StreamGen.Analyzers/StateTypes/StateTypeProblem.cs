using Microsoft.CodeAnalysis;

namespace StreamGen.Analyzers.StateTypes
{
    /// <summary>Why a state type cannot be checkpointed, and where inside it the problem is.</summary>
    internal sealed class StateTypeProblem
    {
        public StateTypeProblem(string path, bool isTopLevel, ITypeSymbol offendingType, string reason, string? concreteCollectionMetadataName)
        {
            Path = path;
            IsTopLevel = isTopLevel;
            OffendingType = offendingType;
            Reason = reason;
            ConcreteCollectionMetadataName = concreteCollectionMetadataName;
        }

        /// <summary>
        /// Where the unsupported type sits, rooted at the classified type's short name: <c>Order.Items[].Handle</c>
        /// (<c>[]</c> is an element, <c>[key]</c>/<c>[value]</c> a dictionary key/value, <c>.Name</c> a member).
        /// </summary>
        public string Path { get; }

        /// <summary>True when the classified type itself is the problem (no member or element path).</summary>
        public bool IsTopLevel { get; }

        /// <summary>The type that is not supported.</summary>
        public ITypeSymbol OffendingType { get; }

        /// <summary>A phrase completing "… which …", e.g. "is a delegate: code cannot be checkpointed".</summary>
        public string Reason { get; }

        /// <summary>
        /// For a collection interface with exactly one natural concrete counterpart (IList&lt;T&gt; → List&lt;T&gt;),
        /// the metadata name of that open generic type; otherwise <see langword="null"/>.
        /// </summary>
        public string? ConcreteCollectionMetadataName { get; }

        /// <summary>The user-facing explanation: the path (when nested), the offending type and the reason.</summary>
        public string Describe() =>
            IsTopLevel
                ? $"'{CheckpointableTypeClassifier.ShortName(OffendingType)}' {Reason}"
                : $"'{Path}' has type '{CheckpointableTypeClassifier.ShortName(OffendingType)}', which {Reason}";
    }
}
