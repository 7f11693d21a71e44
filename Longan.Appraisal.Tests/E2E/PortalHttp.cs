using System.Net;
using System.Text.RegularExpressions;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// The portal spoken to in plain HTTP, as a script or a prober does: its own cookie jar, forms
/// posted with their antiforgery token, no redirects followed.
/// </summary>
public sealed partial class PortalHttp : IDisposable
{
    private readonly HttpClient _client;

    public PortalHttp(string baseUrl, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    /// <summary>Posts the sign-in form; returns the response (a redirect when signed in).</summary>
    /// <param name="query">The sign-in page's query, e.g. "?ReturnUrl=%2Fcycles".</param>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password = Demo.Password, string query = "")
    {
        var token = await TokenAsync("/login");
        return await _client.PostAsync("/login" + query, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.UserName"] = userName, ["Input.Password"] = password,
        }));
    }

    /// <summary>Presses 退出 as the page's form does.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var token = await TokenAsync("/");
        return await _client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>The text of the sign-in page's error, as the person signing in reads it.</summary>
    public static async Task<string?> LoginErrorAsync(HttpResponseMessage response)
    {
        var match = LoginError().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> TokenAsync(string path)
    {
        var page = await (await _client.GetAsync(path)).Content.ReadAsStringAsync();
        var match = Token().Match(page);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}:\n{page[..Math.Min(500, page.Length)]}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex LoginError();
}
