namespace StreamGen.Hosting.Configuration;

/// <summary>The <c>StreamGen:Api</c> section: REST API and dashboard.</summary>
public sealed class ApiOptions
{
    /// <summary>Whether the API and dashboard are served.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Listen address; loopback by default so the API is not exposed by accident.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8081";

    /// <summary>
    /// Token required by mutating endpoints (trigger checkpoint/savepoint) as <c>Authorization: Bearer &lt;token&gt;</c>,
    /// and for storage paths to appear in responses. Without a token, mutating endpoints only accept same-origin JSON
    /// requests from loopback addresses.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// <c>Host</c> header values answered, semicolon-separated (<c>jobs.example.com;10.0.0.5</c>, <c>*</c> for any).
    /// Default: the loopback names and the hosts of <see cref="Urls"/> (for a wildcard address, the machine's name and
    /// addresses), so a DNS-rebinding page cannot reach the API under its own domain.
    /// </summary>
    public string? AllowedHosts { get; set; }
}
