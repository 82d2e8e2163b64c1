namespace StreamGen;

/// <summary>
/// Marks an instance field of a <see cref="StreamOperatorAttribute"/> class as checkpointed state.
/// In a keyed operator the field holds one value per key; in other operators it is operator state.
/// </summary>
/// <remarks>
/// State is written by name, so fields can be added and removed between versions of a job.
/// Give an explicit <see cref="Name"/> to rename the C# field while keeping its checkpointed state.
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class StateAttribute : Attribute
{
    /// <summary>Uses the member name as the state name.</summary>
    public StateAttribute()
    {
    }

    /// <summary>Uses <paramref name="name"/> as the stable state name in checkpoints.</summary>
    public StateAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The name the state is stored under, or <see langword="null"/> for the member name.</summary>
    public string? Name { get; }
}
