using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using StreamGen.Hosting.Configuration;

namespace StreamGen.Hosting.Api;

/// <summary>
/// Who may change the job and who may see where its state is stored. With <c>StreamGen:Api:Token</c> set, a
/// mutation needs <c>Authorization: Bearer &lt;token&gt;</c>. Without it, a mutation must come from a loopback
/// address as a same-origin JSON request: a web page of another site can send a cross-site <c>text/plain</c>
/// or form POST without asking, but not a JSON one (the browser asks first, and this API does not allow it).
/// </summary>
internal static class ApiRequestGuard
{
    /// <summary>The denial of a mutating request, or <see langword="null"/> when it may proceed.</summary>
    public static IResult? AuthorizeMutation(HttpContext http, ApiOptions options)
    {
        if (!string.IsNullOrEmpty(options.Token))
        {
            return HasToken(http, options.Token)
                ? null
                : Deny(StatusCodes.Status401Unauthorized, "Missing or wrong token: send 'Authorization: Bearer <StreamGen:Api:Token>'.");
        }

        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            return Deny(StatusCodes.Status403Forbidden, "Set StreamGen:Api:Token to allow mutating requests from other hosts.");
        }

        if (!http.Request.HasJsonContentType())
        {
            return Deny(StatusCodes.Status415UnsupportedMediaType, "Without StreamGen:Api:Token, mutating requests must be JSON ('Content-Type: application/json'), so that other web sites cannot send them.");
        }

        return IsCrossSite(http.Request)
            ? Deny(StatusCodes.Status403Forbidden, "Cross-site request refused: mutating requests must come from the dashboard's own origin, or carry StreamGen:Api:Token.")
            : null;
    }

    /// <summary>Whether the caller may see storage paths: always without a token, else only with it.</summary>
    public static bool MaySeeStoragePaths(HttpContext http, ApiOptions options)
        => string.IsNullOrEmpty(options.Token) || HasToken(http, options.Token);

    private static bool HasToken(HttpContext http, string token)
    {
        // The scheme is case-insensitive (RFC 9110, section 11.1).
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        // Hashes of equal length compared in constant time: neither the content nor the length of the token leaks through timing.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        // Browsers send Sec-Fetch-Site; "none" is a request the user made (address bar), "same-origin" the dashboard's.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Deny(int status, string message)
        => Results.Json(new ErrorResponse(message), ApiJsonContext.Default.ErrorResponse, statusCode: status);
}
