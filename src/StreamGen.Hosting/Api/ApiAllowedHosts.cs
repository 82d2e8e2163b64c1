using System.Net;
using System.Net.NetworkInformation;

namespace StreamGen.Hosting.Api;

/// <summary>
/// The <c>Host</c> header values the API answers. A page on an attacker's domain that re-resolves to 127.0.0.1
/// (DNS rebinding) reaches a loopback-bound API with its own domain as <c>Host</c>; filtering it out keeps the
/// page from reading the API or riding on the loopback exemption.
/// </summary>
internal static class ApiAllowedHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// <c>StreamGen:Api:AllowedHosts</c> if set (semicolon-separated, <c>*</c> allows any); else the loopback names
    /// and the hosts of <paramref name="urls"/>, and for a wildcard address the machine's name and addresses.
    /// </summary>
    public static IList<string> Resolve(string? configured, string urls)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var hosts = new HashSet<string>(Loopback, StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is "*" or "+" or "0.0.0.0" or "[::]")
            {
                AddMachine(hosts);
            }
            else if (host.Length > 0)
            {
                hosts.Add(host);
            }
        }

        return hosts.ToList();
    }

    /// <summary>The host of a Kestrel URL, which may be a wildcard (<c>http://*:8081</c>, <c>http://+:8081</c>) that <see cref="Uri"/> rejects.</summary>
    private static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    private static void AddMachine(HashSet<string> hosts)
    {
        hosts.Add(Dns.GetHostName());
        foreach (var address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address))
        {
            hosts.Add(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        }
    }
}
