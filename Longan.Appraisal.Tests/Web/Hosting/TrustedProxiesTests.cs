using System.Net;
using Longan.Appraisal.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Longan.Appraisal.Tests.Web.Hosting;

/// <summary>Whose X-Forwarded-* the portal believes: loopback always, and the proxies an operator lists.</summary>
public sealed class TrustedProxiesTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Options_Unset_TrustsLoopbackOnly()
    {
        var options = TrustedProxies.Options(Config());

        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("127.0.0.1")));
        Assert.DoesNotContain(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public void Options_AListOrAnArray_AddsAddressesAndNetworks_KeepsLoopback()
    {
        foreach (var config in new[]
        {
            Config((TrustedProxies.Key, "10.0.0.5, 192.168.8.0/24")),
            Config((TrustedProxies.Key + ":0", "10.0.0.5"), (TrustedProxies.Key + ":1", "192.168.8.0/24")),
        })
        {
            var networks = TrustedProxies.Options(config).KnownIPNetworks;

            Assert.Contains(networks, n => n.Contains(IPAddress.Parse("10.0.0.5")));
            Assert.DoesNotContain(networks, n => n.Contains(IPAddress.Parse("10.0.0.6")));
            Assert.Contains(networks, n => n.Contains(IPAddress.Parse("192.168.8.77")));
            Assert.Contains(networks, n => n.Contains(IPAddress.Parse("127.0.0.1")));
        }
    }

    [Fact]
    public void Options_AWrongEntry_StopsTheStartWithItsName()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Options(Config((TrustedProxies.Key, "10.0.0.5, nginx-host"))));

        Assert.Contains("nginx-host", ex.Message, StringComparison.Ordinal);
    }
}
