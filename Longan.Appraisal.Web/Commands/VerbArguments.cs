using System.Text.RegularExpressions;

namespace Longan.Appraisal.Web.Commands;

/// <summary>A verb's arguments: positional values and --name value options (a flag has no value).</summary>
public sealed partial class VerbArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public VerbArguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
                _options[list[i][2..]] = hasValue ? list[++i] : null;
            }
            else
            {
                Positional.Add(list[i]);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>
    /// What does not fit the verb's usage line (the contract of spec workbooks.md): an option it does
    /// not know, an option without its value, a stray argument — or null when everything fits.
    /// A mistyped "--townshp" must not quietly export the whole county. Configuration settings
    /// (--key=value) belong to the host and are let through.
    /// </summary>
    public string? Mismatch(string usage)
    {
        var known = UsageOption().Matches(usage).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Success, StringComparer.Ordinal);
        foreach (var (name, value) in _options)
        {
            if (name.Contains('=', StringComparison.Ordinal))
            {
                // A host setting (--environment=Development) — unless it is one of the verb's own options written with "=".
                var (option, given) = (name[..name.IndexOf('=', StringComparison.Ordinal)], name[(name.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (known.ContainsKey(option))
                {
                    return $"选项要写成 --{option} {given}（中间用空格，不用等号）";
                }
                continue;
            }
            if (!known.TryGetValue(name, out var takesValue))
            {
                return $"不认识的选项 --{name}";
            }
            if (takesValue && value is null)
            {
                return $"选项 --{name} 后面要写上它的值";
            }
            if (!takesValue && value is not null)
            {
                return $"选项 --{name} 不带值，多出了“{value}”";
            }
        }
        var positional = UsagePositional().Count(UsageOption().Replace(usage, ""));
        return Positional.Count > positional ? $"多余的参数“{Positional[positional]}”（选项要写成 --名称 值）" : null;
    }

    /// <summary>"--name" in a usage line, with "&lt;value&gt;" after it when it takes one.</summary>
    [GeneratedRegex(@"--([a-z][a-z-]*)(\s+<[^>]+>)?")]
    private static partial Regex UsageOption();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex UsagePositional();
}
