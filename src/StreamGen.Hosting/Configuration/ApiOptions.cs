namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen:Api</c> section: REST API and dashboard.</summary>
public sealed class ApiOptions
{
    /// <summary>Whether the API and dashboard are served.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Listen address; loopback by default so the API is not exposed by accident.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8081";

    /// <summary>
    /// Token required by mutating endpoints (trigger checkpoint/savepoint) as <c>Authorization: Bearer &lt;token&gt;</c>.
    /// Without a token, mutating endpoints only accept requests from loopback addresses.
    /// </summary>
    public string? Token { get; set; }
}
