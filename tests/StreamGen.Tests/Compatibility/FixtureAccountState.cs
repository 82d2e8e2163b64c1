namespace StreamGen.Tests.Compatibility;

/// <summary>How full an account is; stored as its underlying integer.</summary>
public enum FixtureLevel : short
{
    Low = -1,
    Mid = 0,
    High = 300,
}

/// <summary>A user record inside keyed state: a positional record with a nested collection and a settable member.</summary>
public sealed record FixtureStats(string Name, int Seen, List<string> Recent)
{
    public decimal? Peak { get; set; }
}
