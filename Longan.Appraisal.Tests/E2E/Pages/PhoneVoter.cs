using System.Net;
using System.Text.RegularExpressions;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>
/// A villager's phone as plain HTTP, for tests that need many votes or a form sent twice: opens the
/// ballot at /v/&lt;code&gt; and posts the form as the browser would (the antiforgery token, the choice, submit).
/// </summary>
public sealed partial class PhoneVoter : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _code;
    private string _token = "";
    private string _assistant = "";

    private PhoneVoter(string baseUrl, string code, HttpClientHandler? handler)
    {
        _client = new HttpClient(handler ?? new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        _code = code;
    }

    /// <summary>Opens the ballot page, as a phone does with the slip's address.</summary>
    /// <param name="handler">The phone's connection (its cookies, a proxy's certificate); a fresh one by default.</param>
    public static async Task<PhoneVoter> OpenAsync(string baseUrl, string code, HttpClientHandler? handler = null)
    {
        var voter = new PhoneVoter(baseUrl, code, handler);
        var page = await voter._client.GetStringAsync($"/v/{code}");
        voter._token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        voter._assistant = AssistantPattern().Match(page).Groups[1].Value;
        return voter;
    }

    /// <returns>The address the vote ended on (/v/thanks when counted).</returns>
    public static async Task<string> CastAsync(string baseUrl, string code, int choice, string? comment = null)
    {
        using var voter = await OpenAsync(baseUrl, code);
        using var response = await voter.SubmitAsync(choice, comment);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    /// <summary>Submits the form of the page opened (it may be sent again: a retry on a weak network).</summary>
    public Task<HttpResponseMessage> SubmitAsync(int choice, string? comment = null) =>
        _client.PostAsync($"/v/{_code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "vote", ["__RequestVerificationToken"] = _token,
            ["Form.Lines[0].AssistantId"] = _assistant, ["Form.Lines[0].Choice"] = choice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Lines[0].Comment"] = comment ?? "", ["Form.Step"] = "submit",
        }));

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Form.Lines\\[0\\].AssistantId\" value=\"(\\d+)\"")]
    private static partial Regex AssistantPattern();
}
