using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// Which proxies' X-Forwarded-For / X-Forwarded-Proto the portal believes: a loopback proxy always
/// (nginx on the same host), and the addresses or networks listed in configuration
/// <see cref="Key"/> (e.g. <c>10.0.0.5</c> or <c>10.0.0.0/24</c>, comma-separated or as an array) for
/// nginx on another machine. Anyone else's headers are ignored, so a client cannot choose the address
/// its sign-in attempts and phone votes are counted against.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "Appraisal:TrustedProxies";

    public static ForwardedHeadersOptions Options(IConfiguration configuration)
    {
        // The defaults already trust 127.0.0.0/8 and ::1.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var entry in Entries(configuration))
        {
            options.KnownIPNetworks.Add(Parse(entry));
        }
        return options;
    }

    /// <summary>The configured entries; a wrong one stops the portal at start with its name rather than trusting nobody (or everybody) silently.</summary>
    public static IEnumerable<string> Entries(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var listed = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return listed.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public static System.Net.IPNetwork Parse(string entry) =>
        System.Net.IPNetwork.TryParse(entry, out var network) ? network
        : IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : throw new InvalidOperationException($"{Key} 中的“{entry}”不是 IP 地址或网段（例如 10.0.0.5 或 10.0.0.0/24）。");
}
