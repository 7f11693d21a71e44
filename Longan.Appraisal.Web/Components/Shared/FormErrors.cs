using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>The field errors a service returned, for a form to show beside each field.</summary>
public sealed class FormErrors
{
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    /// <summary>
    /// Changes whenever the errors change. Forms key their fields on it so MudBlazor's inputs are
    /// rebuilt with the new errors (an input clears its own error state when edited and would
    /// otherwise not show the same field's next error).
    /// </summary>
    public int Version { get; private set; }

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.GetValueOrDefault(field);

    /// <summary>Errors for fields the form does not show (so none is lost).</summary>
    public IEnumerable<string> Others(params string[] shownFields) =>
        _errors.Where(e => !shownFields.Contains(e.Key)).Select(e => e.Value);

    public void Set(IEnumerable<FieldError> errors)
    {
        // One message per field: the first problem (a second would often follow from it).
        _errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        Version++;
    }

    public void Add(string field, string message) => Set([.. _errors.Select(e => new FieldError(e.Key, e.Value)), new FieldError(field, message)]);

    /// <summary>Clears the errors and rebuilds the fields (e.g. after a form was emptied on success).</summary>
    public void Reset()
    {
        _errors.Clear();
        Version++;
    }

    public void Clear()
    {
        if (_errors.Count > 0)
        {
            _errors.Clear();
            Version++;
        }
    }
}
