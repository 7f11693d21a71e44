using System.Net;
using System.Text.RegularExpressions;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>
/// The post form of a phone-ballot page, read as a phone's browser would: its hidden fields (the
/// antiforgery token, the form's name, the assistants), its radio groups, text areas and submit
/// buttons — by their names, whatever the page calls them.
/// </summary>
internal sealed partial class BallotForm
{
    public List<KeyValuePair<string, string>> Hidden { get; } = [];
    /// <summary>Radio group name → the values offered, in page order.</summary>
    public Dictionary<string, List<string>> Radios { get; } = new(StringComparer.Ordinal);
    public List<string> TextAreas { get; } = [];
    /// <summary>Submit buttons: name and value ("confirm", "submit", "edit").</summary>
    public List<KeyValuePair<string, string>> Buttons { get; } = [];

    /// <summary>The first post form of the page, or null when it has none (a message instead of a ballot).</summary>
    public static BallotForm? Read(string html)
    {
        var start = html.IndexOf("<form method=\"post\"", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }
        var end = html.IndexOf("</form>", start, StringComparison.OrdinalIgnoreCase);
        var form = new BallotForm();
        foreach (Match tag in Tag().Matches(html[start..(end < 0 ? html.Length : end)]))
        {
            var attributes = Attribute().Matches(tag.Groups[2].Value)
                .ToDictionary(a => a.Groups[1].Value.ToLowerInvariant(), a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.Ordinal);
            if (attributes.GetValueOrDefault("name") is not { } name)
            {
                continue;
            }
            var value = attributes.GetValueOrDefault("value") ?? "";
            switch (tag.Groups[1].Value.ToLowerInvariant(), attributes.GetValueOrDefault("type"))
            {
                case ("input", "hidden"):
                    form.Hidden.Add(new(name, value));
                    break;
                case ("input", "radio"):
                    (form.Radios.TryGetValue(name, out var values) ? values : form.Radios[name] = []).Add(value);
                    break;
                case ("textarea", _):
                    form.TextAreas.Add(name);
                    break;
                case ("button", "submit"):
                    form.Buttons.Add(new(name, value));
                    break;
            }
        }
        return form;
    }

    /// <summary>What pressing the button with <paramref name="step"/> sends: every hidden field, the given choices and comments, and the button.</summary>
    public FormUrlEncodedContent Post(string step, IEnumerable<KeyValuePair<string, string>> filled)
    {
        var button = Buttons.FirstOrDefault(b => b.Value == step);
        if (button.Key is null)
        {
            throw new InvalidDataException($"The form has no '{step}' button.");
        }
        return new FormUrlEncodedContent([.. Hidden, .. filled, button]);
    }

    [GeneratedRegex(@"<(input|textarea|button)\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"([\w\-:.\[\]]+)\s*=\s*""([^""]*)""")]
    private static partial Regex Attribute();
}
