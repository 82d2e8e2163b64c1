using Microsoft.CodeAnalysis;

namespace StreamGen.Analyzers
{
    /// <summary>
    /// The catalogue of every StreamGen diagnostic. Each one links to its page under
    /// <c>docs/diagnostics/</c>, which says what the rule catches, why, how to fix it, with an example.
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string HelpLinkBase = "https://github.com/streamgen/streamgen/blob/main/docs/diagnostics/";

        /// <summary>Category of rules about what can be stored in a checkpoint.</summary>
        public const string StateCategory = "StreamGen.State";

        /// <summary>Category of rules about how an operator class is declared.</summary>
        public const string OperatorCategory = "StreamGen.Operator";

        /// <summary>Category of rules about the job graph.</summary>
        public const string JobGraphCategory = "StreamGen.JobGraph";

        /// <summary>SG0001. Arguments: operator, member, member type, detail naming the offending path and type.</summary>
        public static readonly DiagnosticDescriptor StateTypeNotCheckpointable = Create(
            DiagnosticIds.StateTypeNotCheckpointable,
            "State type cannot be checkpointed",
            "State '{1}' of operator '{0}' has type '{2}', which cannot be checkpointed: {3}",
            StateCategory,
            DiagnosticSeverity.Error,
            "A [State] member is written to every checkpoint and read back on restore. Its type must be data StreamGen can serialize: primitives, string, enums, DateTime, DateTimeOffset, TimeSpan, Guid, decimal, nullables, arrays, List<T>, Dictionary<K,V>, HashSet<T>, Queue<T>, value tuples, and records, classes and structs whose members are themselves supported.");

        /// <summary>SG0002. Arguments: operator, member, member type.</summary>
        public static readonly DiagnosticDescriptor MutableFieldNotDeclared = Create(
            DiagnosticIds.MutableFieldNotDeclared,
            "Mutable operator field is neither [State] nor [Transient]",
            "Field '{1}' of operator '{0}' (type '{2}') is mutable but neither [State] nor [Transient]: its value is not checkpointed and silently resets after a restore",
            StateCategory,
            DiagnosticSeverity.Warning,
            "After a failure the job restarts from the last checkpoint, and only [State] members are restored. Mark the field [State] if it must survive a restore, [Transient] if it is a cache or a resource rebuilt in Open, or make it readonly.");

        /// <summary>SG0003. Arguments: operator, member, member type.</summary>
        public static readonly DiagnosticDescriptor StaticMutableField = Create(
            DiagnosticIds.StaticMutableField,
            "Static mutable field in an operator",
            "Static field '{1}' of operator '{0}' (type '{2}') is mutable: it is shared by all parallel subtasks and never checkpointed",
            StateCategory,
            DiagnosticSeverity.Warning,
            "Static fields are shared by every subtask in the process, are not part of any checkpoint and differ between processes. Use an instance [State] field, make the static field readonly and immutable, or mark it [Transient] if it is deliberately process-wide.");

        /// <summary>SG0004. Arguments: type, member.</summary>
        public static readonly DiagnosticDescriptor StateOutsideOperator = Create(
            DiagnosticIds.StateOutsideOperator,
            "[State] outside a [StreamOperator] class",
            "'{1}' is marked [State] but '{0}' is not a [StreamOperator] class, so nothing checkpoints it",
            StateCategory,
            DiagnosticSeverity.Error,
            "The source generator only emits snapshot and restore code for classes marked [StreamOperator]. Add [StreamOperator] to the operator class, or remove [State].");

        /// <summary>SG0005. Arguments: operator, member, what the member is (static, const, readonly).</summary>
        public static readonly DiagnosticDescriptor StateMemberNotAssignable = Create(
            DiagnosticIds.StateMemberNotAssignable,
            "[State] member must be a mutable instance member",
            "State '{1}' of operator '{0}' is {2}: state must be an instance member the generated code can assign on restore and on every key switch",
            StateCategory,
            DiagnosticSeverity.Error,
            "Restore and keyed-state switching assign [State] members outside the constructor, which is impossible for const, readonly and static members (a static member would also be shared by all subtasks).");

        /// <summary>SG0006. Arguments: operator, member, reason.</summary>
        public static readonly DiagnosticDescriptor StatePropertyNotSupported = Create(
            DiagnosticIds.StatePropertyNotSupported,
            "[State] property the generator cannot handle",
            "State property '{1}' of operator '{0}' {2}: a [State] property needs a get and a set accessor",
            StateCategory,
            DiagnosticSeverity.Error,
            "The generated code reads a [State] property when it snapshots and assigns it on restore and on every key switch, so the property must be a non-abstract, non-indexer instance property with get and set accessors (not init) that returns by value.");

        /// <summary>SG0007. Arguments: operator.</summary>
        public static readonly DiagnosticDescriptor OperatorNotPartial = Create(
            DiagnosticIds.OperatorNotPartial,
            "[StreamOperator] class must be partial",
            "Operator '{0}' must be declared partial so the source generator can add its snapshot and restore code",
            OperatorCategory,
            DiagnosticSeverity.Error,
            "The source generator adds a second part to every [StreamOperator] class with the generated state code; without 'partial' nothing is generated and the operator's state is never checkpointed.");

        /// <summary>SG0008. Arguments: operator, containing type.</summary>
        public static readonly DiagnosticDescriptor OperatorContainingTypeNotPartial = Create(
            DiagnosticIds.OperatorContainingTypeNotPartial,
            "Type containing a [StreamOperator] class must be partial",
            "Operator '{0}' is nested in '{1}', which must be declared partial so the source generator can add the operator's state code",
            OperatorCategory,
            DiagnosticSeverity.Error,
            "Generated code for a nested operator repeats every containing type declaration, which is only legal when each of them is partial.");

        /// <summary>SG0009. Arguments: operator, what depends on the type parameter ("State '_items'" or "The key type"), its type, the type parameter.</summary>
        public static readonly DiagnosticDescriptor OperatorStateDependsOnTypeParameter = Create(
            DiagnosticIds.OperatorStateDependsOnTypeParameter,
            "Generic operator's state depends on a type parameter",
            "{1} of generic operator '{0}' has type '{2}', which depends on type parameter '{3}': state serializers are generated at compile time, for concrete types only",
            OperatorCategory,
            DiagnosticSeverity.Error,
            "A generic [StreamOperator] class is fine as long as its [State] members and its key type are concrete. Serializers are generated once, at compile time, so they cannot depend on a type parameter. Derive a non-generic operator per concrete type, or keep the generic part in a base class without state.");

        /// <summary>SG0010. Arguments: operator, member, where it is used.</summary>
        public static readonly DiagnosticDescriptor KeyedStateWithoutKey = Create(
            DiagnosticIds.KeyedStateWithoutKey,
            "Keyed state used where no key is current",
            "Keyed state '{1}' of operator '{0}' is used in {2}, where no key is current: the value belongs to no key and is not checkpointed",
            StateCategory,
            DiagnosticSeverity.Warning,
            "In a KeyedProcessor the [State] members hold the state of the current key, loaded before Process and stored after it. In a constructor, Open, Close or OnCheckpointComplete there is no current key: reads see no key's value and writes are lost. Give per-key initial values with a field initializer; keep per-subtask data in a [Transient] field.");

        /// <summary>SG0011. Arguments: the operator id.</summary>
        public static readonly DiagnosticDescriptor DuplicateOperatorId = Create(
            DiagnosticIds.DuplicateOperatorId,
            "Duplicate operator id in a job graph",
            "Operator id '{0}' is already given to another operator of this job graph: state is matched to operators by id on restore, so ids must be unique",
            JobGraphCategory,
            DiagnosticSeverity.Error,
            "On restore, checkpointed state is assigned to operators by their id. Two operators with the same explicit .Uid(...) would claim the same state.");

        /// <summary>SG0012. Arguments: operator.</summary>
        public static readonly DiagnosticDescriptor OperatorWithoutBase = Create(
            DiagnosticIds.OperatorWithoutBase,
            "[StreamOperator] class must derive from an operator base",
            "'{0}' is marked [StreamOperator] but does not derive from StreamGen.StreamOperator (Processor<TIn, TOut> or KeyedProcessor<TKey, TIn, TOut>)",
            OperatorCategory,
            DiagnosticSeverity.Error,
            "The runtime calls operators through StreamGen.StreamOperator and its Processor/KeyedProcessor subclasses; the generated state code plugs into that lifecycle.");

        /// <summary>SG0013. Arguments: operator, member, state name, the other member.</summary>
        public static readonly DiagnosticDescriptor DuplicateStateName = Create(
            DiagnosticIds.DuplicateStateName,
            "Duplicate state name",
            "State '{1}' of operator '{0}' is stored under the name '{2}', which '{3}' already uses: state names must be unique within an operator",
            StateCategory,
            DiagnosticSeverity.Error,
            "Checkpoints store state by name, so a restore could not tell two members with the same state name apart.");

        /// <summary>SG0014. Arguments: operator, member.</summary>
        public static readonly DiagnosticDescriptor StateAndTransient = Create(
            DiagnosticIds.StateAndTransient,
            "Member is both [State] and [Transient]",
            "'{1}' of operator '{0}' is marked both [State] and [Transient]: choose whether it is checkpointed",
            StateCategory,
            DiagnosticSeverity.Error,
            "[State] means the member is checkpointed and restored, [Transient] that it deliberately is not; both at once is contradictory.");

        /// <summary>SG0015. Arguments: operator, key type, detail.</summary>
        public static readonly DiagnosticDescriptor KeyTypeNotCheckpointable = Create(
            DiagnosticIds.KeyTypeNotCheckpointable,
            "Key type cannot be checkpointed",
            "Key type '{1}' of keyed operator '{0}' cannot be checkpointed: {2}",
            StateCategory,
            DiagnosticSeverity.Error,
            "Keyed state is checkpointed together with its key, so the key type must be serializable like any state type.");

        private static DiagnosticDescriptor Create(
            string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md");
    }
}
