namespace StreamGen.Generators.Model;

/// <summary>Whether a member of a user type holds data, and whether generated code can give that data back.</summary>
internal enum Reachability
{
    /// <summary>Holds data that generated code can read and restore (by name or through an accessor).</summary>
    Data,

    /// <summary>Computed from other members (a getter over fields): not written, the members it reads are.</summary>
    Derived,

    /// <summary>May hold data that generated code cannot restore: reported unless a constructor or refill takes it.</summary>
    Unreachable,
}
