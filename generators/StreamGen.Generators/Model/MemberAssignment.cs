namespace StreamGen.Generators.Model;

/// <summary>How a deserialized member value gets into a new instance of a user type.</summary>
internal enum MemberAssignment
{
    /// <summary>Passed to the constructor (records' primary constructors, immutable classes).</summary>
    Constructor,
    /// <summary>An <c>init</c> accessor: set in the object initializer (default when absent from the data).</summary>
    Init,
    /// <summary>A settable member: assigned after construction only when present, so initializers survive.</summary>
    Set,

    /// <summary>
    /// A get-only (or readonly) collection: the instance the constructor created is cleared and refilled,
    /// the usual shape of <c>public List&lt;T&gt; Items { get; } = new();</c>.
    /// </summary>
    Populate,

    /// <summary>
    /// A member generated code cannot assign by name (a private field, a private or missing setter of an
    /// auto-property): assigned after construction through its <see cref="MemberAccessor"/>, only when present.
    /// </summary>
    Accessor,
}
