using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Longan.Appraisal.Core.Features.Ballots;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>
/// A villager's phone: opens the slip's address, chooses, checks what it chose, submits and is
/// thanked — four requests with the page's own antiforgery cookie and token, as a browser without
/// script sends them. Anything but the thank-you page at the end is an error.
/// </summary>
internal sealed partial class VirtualVoter(HttpClient http, Uri portal)
{
    public async Task<VoteOutcome> VoteAsync(string code, int choice, string? comment, CancellationToken ct)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var address = new Uri(BallotSlips.Address(portal.GetLeftPart(UriPartial.Authority), code));
        var start = Stopwatch.GetTimestamp();
        TimeSpan open = default, check = default;
        try
        {
            var page = await SendAsync(address, null, cookies, ct);
            open = Stopwatch.GetElapsedTime(start);
            if (BallotForm.Read(page) is not { } ballot || ballot.Radios.Count == 0)
            {
                return Failed("open", page);
            }
            var filled = ballot.Radios.Select(r => new KeyValuePair<string, string>(r.Key, r.Value[choice - 1]))
                .Concat(ballot.TextAreas.Take(1).Select(t => new KeyValuePair<string, string>(t, comment ?? "")))
                .Concat(ballot.TextAreas.Skip(1).Select(t => new KeyValuePair<string, string>(t, "")));
            page = await SendAsync(address, ballot.Post("confirm", filled), cookies, ct);
            check = Stopwatch.GetElapsedTime(start) - open;
            if (!page.Contains("data-testid=\"vote-confirm\"", StringComparison.Ordinal) || BallotForm.Read(page) is not { } confirm)
            {
                return Failed("check", page);
            }
            page = await SendAsync(address, confirm.Post("submit", []), cookies, ct);
            return page.Contains("data-testid=\"vote-thanks\"", StringComparison.Ordinal) ? Outcome(null) : Failed("submit", page);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            return Outcome($"{ex.GetType().Name}: {ex.Message}");
        }

        VoteOutcome Failed(string step, string page) => Outcome($"{step}: {Describe(page)}");

        VoteOutcome Outcome(string? error)
        {
            var total = Stopwatch.GetElapsedTime(start);
            return new VoteOutcome(error, total, open, check, open == default || check == default ? default : total - open - check);
        }
    }

    /// <summary>Sends a GET (or the form's POST) with the phone's cookies, follows redirects as a browser does, and returns the page.</summary>
    private async Task<string> SendAsync(Uri address, HttpContent? form, Dictionary<string, string> cookies, CancellationToken ct)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, address) { Content = form };
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            using var response = await http.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var pair in setCookies.Select(c => c.Split(';', 2)[0].Split('=', 2)).Where(p => p.Length == 2))
                {
                    cookies[pair[0]] = pair[1];
                }
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect or HttpStatusCode.RedirectKeepVerb
                && response.Headers.Location is { } location)
            {
                address = new Uri(address, location);
                form = null;
                continue;
            }
            return response.IsSuccessStatusCode ? body : $"HTTP {(int)response.StatusCode} {Describe(body)}";
        }
        throw new InvalidDataException("too many redirects");
    }

    /// <summary>What a page says instead of the expected step: its message, or its title.</summary>
    private static string Describe(string page) =>
        (Message().Match(page) is { Success: true } message ? message : Title().Match(page)) is { Success: true } found
            ? WebUtility.HtmlDecode(found.Groups[1].Value).Trim()
            : page.Length > 80 ? page[..80] : page;

    [GeneratedRegex(@"data-testid=""vote-(?:state|errors)""[^>]*>([^<]*)<")]
    private static partial Regex Message();

    [GeneratedRegex(@"<title>([^<]*)</title>")]
    private static partial Regex Title();
}
