using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>
/// A form field checked by its input's own rules in Core (the <c>Check()</c> the service also
/// runs), as MudBlazor validation: the field's message appears when the field is left or its value
/// changes, and goes as soon as the value is right. Errors only the service can find (a 票号
/// already taken) still come back from saving through <see cref="FormErrors"/>.
/// </summary>
public static class LiveCheck
{
    /// <summary>The first message <paramref name="check"/> gives <paramref name="field"/>, read after the field's value is set.</summary>
    public static Func<T?, string?> Field<T>(Func<IReadOnlyList<FieldError>> check, string field) =>
        _ => check().FirstOrDefault(e => e.Field == field)?.Message;
}
