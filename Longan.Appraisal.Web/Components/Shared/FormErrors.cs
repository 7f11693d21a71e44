using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>The field errors a service returned, for a form to show beside each field.</summary>
public sealed class FormErrors
{
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.GetValueOrDefault(field);

    /// <summary>Errors for fields the form does not show (so none is lost).</summary>
    public IEnumerable<string> Others(params string[] shownFields) =>
        _errors.Where(e => !shownFields.Contains(e.Key)).Select(e => e.Value);

    public void Set(IEnumerable<FieldError> errors) =>
        _errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => e.Message)), StringComparer.Ordinal);

    public void Clear() => _errors.Clear();
}
