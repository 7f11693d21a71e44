namespace Longan.Appraisal.Web.Commands;

/// <summary>A verb's arguments: positional values and --name value options (a flag has no value).</summary>
public sealed class VerbArguments
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
}
