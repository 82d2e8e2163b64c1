namespace StreamGen.Analyzers
{
    /// <summary>
    /// The stable IDs of StreamGen's diagnostics. IDs are never reused or renumbered: users suppress them
    /// by ID and the docs link to <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>A [State] member's type cannot be checkpointed.</summary>
        public const string StateTypeNotCheckpointable = "SG0001";

        /// <summary>A mutable instance field of an operator is neither [State] nor [Transient].</summary>
        public const string MutableFieldNotDeclared = "SG0002";

        /// <summary>A static mutable field in an operator.</summary>
        public const string StaticMutableField = "SG0003";

        /// <summary>[State] on a member of a class that is not a [StreamOperator].</summary>
        public const string StateOutsideOperator = "SG0004";

        /// <summary>[State] on a static, const or readonly field, or on a static property.</summary>
        public const string StateMemberNotAssignable = "SG0005";

        /// <summary>[State] on a property the generator cannot load and store.</summary>
        public const string StatePropertyNotSupported = "SG0006";

        /// <summary>A [StreamOperator] class is not partial.</summary>
        public const string OperatorNotPartial = "SG0007";

        /// <summary>A [StreamOperator] class is nested in a type that is not partial.</summary>
        public const string OperatorContainingTypeNotPartial = "SG0008";

        /// <summary>A [State] member or the key type of a generic operator depends on a type parameter.</summary>
        public const string OperatorStateDependsOnTypeParameter = "SG0009";

        /// <summary>Keyed state is used where no key is current.</summary>
        public const string KeyedStateWithoutKey = "SG0010";

        /// <summary>Two operators of one job graph have the same explicit id.</summary>
        public const string DuplicateOperatorId = "SG0011";

        /// <summary>A [StreamOperator] class does not derive from <c>StreamGen.StreamOperator</c>.</summary>
        public const string OperatorWithoutBase = "SG0012";

        /// <summary>Two [State] members of one operator have the same state name.</summary>
        public const string DuplicateStateName = "SG0013";

        /// <summary>A member is both [State] and [Transient].</summary>
        public const string StateAndTransient = "SG0014";

        /// <summary>The key type of a keyed operator cannot be checkpointed.</summary>
        public const string KeyTypeNotCheckpointable = "SG0015";
    }
}
