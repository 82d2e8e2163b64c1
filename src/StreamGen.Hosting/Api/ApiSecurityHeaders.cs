using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StreamGen.Hosting.Api;

/// <summary>
/// Headers on every API and dashboard response: no framing (clickjacking of the trigger buttons), no MIME
/// sniffing, no referrer, and a content security policy that lets the dashboard run only its own inline
/// script (by hash) and talk only to its own origin.
/// </summary>
internal sealed class ApiSecurityHeaders
{
    private readonly string _contentSecurityPolicy;

    /// <summary>Builds the policy for <paramref name="dashboard"/>, allowing exactly its inline scripts.</summary>
    public ApiSecurityHeaders(string dashboard)
    {
        var scripts = new StringBuilder();
        for (var open = dashboard.IndexOf("<script>", StringComparison.Ordinal); open >= 0; open = dashboard.IndexOf("<script>", open + 1, StringComparison.Ordinal))
        {
            var start = open + "<script>".Length;
            var body = dashboard[start..dashboard.IndexOf("</script>", start, StringComparison.Ordinal)];
            scripts.Append(" 'sha256-").Append(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)))).Append('\'');
        }

        // style-src allows inline styles: the dashboard sets bar widths with style attributes, which hashes cannot cover.
        _contentSecurityPolicy = $"default-src 'none'; script-src{scripts}; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public string ContentSecurityPolicy => _contentSecurityPolicy;

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return next(http);
    }
}
