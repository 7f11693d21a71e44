using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>Collects field errors and throws them together, so a form shows every problem at once.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = [];

    public Validator()
    {
    }

    /// <summary>Starts from the errors of an input's own checks (its <c>Check()</c>), which forms also run as fields are left.</summary>
    public Validator(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    /// <summary>The errors so far, at most one per field (the first: one message per problem).</summary>
    public IReadOnlyList<FieldError> Errors => _errors.DistinctBy(e => e.Field).ToList();

    public Validator Required(string field, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add(new FieldError(field, Messages.FieldRequired(label)));
        }
        return this;
    }

    /// <summary>The value, as <see cref="InputText"/> will store it, is at most <paramref name="max"/> characters.</summary>
    public Validator MaxLength(string field, string label, string? value, int max)
    {
        if (InputText.Text(value, multiline: true) is { } text && text.Length > max)
        {
            _errors.Add(new FieldError(field, Messages.FieldTooLong(label, max)));
        }
        return this;
    }

    /// <summary>
    /// Text printed on the report card (a name) must consist of characters the card's face has:
    /// a character it lacks would print as 〓 on a county document.
    /// </summary>
    public Validator Printable(string field, string label, string? value) =>
        Pdf.PdfFonts.Coverage.FirstMissing(value) is { } missing
            ? Check(false, field, Messages.NotPrintable(label, missing))
            : this;

    /// <summary>A phone number: digits, spaces, + and -, within the column's length.</summary>
    public Validator Phone(string field, string? value)
    {
        MaxLength(field, Messages.LabelPhone, value, Persistence.FieldLimits.Phone);
        return Check(value is null || value.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '), field, Messages.PhoneInvalid);
    }

    public Validator Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            _errors.Add(new FieldError(field, message));
        }
        return this;
    }

    /// <summary>Adds a problem a rule found elsewhere (e.g. a taken 票号), when there is one.</summary>
    public Validator Check(string field, string? problem) => problem is null ? this : Check(false, field, problem);

    /// <summary>Adds the errors of a rule kept elsewhere (e.g. <c>PostingRules</c>), which other ways in run too.</summary>
    public Validator Add(IEnumerable<FieldError> errors)
    {
        _errors.AddRange(errors);
        return this;
    }

    public bool HasErrorFor(string field) => _errors.Any(e => e.Field == field);

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(Errors);
        }
    }
}
