using System.Net;
using System.Text.RegularExpressions;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>
/// A villager's phone as plain HTTP, for tests that need many votes: opens the ballot at
/// /v/&lt;code&gt; and posts the form as the browser would (the antiforgery token, the choice, submit).
/// </summary>
public static partial class PhoneVoter
{
    /// <returns>The address the vote ended on (/v/thanks when counted).</returns>
    public static async Task<string> CastAsync(string baseUrl, string code, int choice, string? comment = null)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var page = await client.GetStringAsync($"/v/{code}");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var assistant = AssistantPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync($"/v/{code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "vote", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Form.Lines[0].AssistantId"] = assistant, ["Form.Lines[0].Choice"] = choice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Lines[0].Comment"] = comment ?? "", ["Form.Step"] = "submit",
        }));
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Form.Lines\\[0\\].AssistantId\" value=\"(\\d+)\"")]
    private static partial Regex AssistantPattern();
}
