using System.Net;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Tests.Web.Security;

/// <summary>The sign-in and phone-ballot limits on a real Kestrel server: requests beyond a limit are refused in words; nothing else is limited.</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task PostsToLogin_BeyondTheLimit_Get429InChinese_OtherRequestsUnlimited()
    {
        await using var app = await StartAsync("Appraisal:SignInAttemptsPerMinute", app =>
        {
            app.MapPost("/login", () => "ok");
            app.MapGet("/login", () => "form");
        });
        using var client = ClientOf(app);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await client.PostAsync("/login", new StringContent(""))).StatusCode);
        }
        var refused = await client.PostAsync("/login", new StringContent(""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("登录尝试过于频繁", page);
        Assert.Contains("<a href=\"/login\">返回登录页</a>", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task PhoneBallots_BeyondTheLimitPerAddress_Get429InChinese_SaysTheCodeIsNotSpent()
    {
        await using var app = await StartAsync("Appraisal:VoteRequestsPerMinute", app =>
        {
            app.MapGet("/v/{code}", (string code) => "ballot");
            app.MapPost("/v/{code}", (string code) => "cast");
            app.MapGet("/cycles", () => "portal");
        });
        using var client = ClientOf(app);

        var codes = new List<HttpStatusCode>
        {
            (await client.GetAsync("/v/2345-6789-ABCD")).StatusCode,
            (await client.PostAsync("/v/2345-6789-ABCD", new StringContent(""))).StatusCode,
            (await client.GetAsync("/v/2345-6789-ABCE")).StatusCode,
        };
        var refused = await client.GetAsync("/v/2345-6789-ABCF");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], codes);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("您的测评码没有用掉", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cycles")).StatusCode);
        await app.StopAsync();
    }

    /// <summary>A real Kestrel server with the limits, the one named set to 3 a minute, and the given endpoints.</summary>
    private static async Task<WebApplication> StartAsync(string limit, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection([new(limit, "3")]);
        builder.Services.AddSignInRateLimit(builder.Configuration);
        var app = builder.Build();
        app.UseRateLimiter();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientOf(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
}
