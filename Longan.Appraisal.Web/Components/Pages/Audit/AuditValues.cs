using System.Collections.Concurrent;
using System.Reflection;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Longan.Appraisal.Web.Components.Pages.Audit;

/// <summary>
/// A recorded value as an inspector reads it: the trail keeps the stored value ("Published",
/// "ReserveCadre,AdmonishmentTalk"); the page shows its Chinese name (已公布, 推荐列入…；诫勉谈话), found
/// from the recorded entity's property type, so a new enum field needs only its words.
/// </summary>
public static class AuditValues
{
    private static readonly ConcurrentDictionary<(string Subject, string Field), Type?> s_enumTypes = new();

    private static readonly Dictionary<string, Type> s_subjects = typeof(Core.Domain.Assistant).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith("Longan.Appraisal.Core.Domain", StringComparison.Ordinal) == true && t.IsClass && !t.IsNested)
        .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The words for an enum-valued field, or null when the field is not one (or the value is not a name of it).</summary>
    public static string? Word(IStringLocalizer<SharedResource> strings, string subject, string field, string value)
    {
        if (field == "Outcomes" && subject == "OutcomeOverride")
        {
            var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 0 ? strings["CardCheck.NoOutcome"].Value
                : Names.Outcomes(parts.Select(p => Enum.TryParse<Core.Scoring.Outcome>(p, out var o) ? o : (Core.Scoring.Outcome?)null).OfType<Core.Scoring.Outcome>());
        }
        var type = s_enumTypes.GetOrAdd((subject, field), key =>
        {
            var property = s_subjects.GetValueOrDefault(key.Subject)?.GetProperty(key.Field, BindingFlags.Public | BindingFlags.Instance);
            var propertyType = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            return propertyType is { IsEnum: true } ? propertyType : null;
        });
        if (type is null || !Enum.TryParse(type, value, out var parsed))
        {
            return null;
        }
        var name = parsed.ToString()!;
        var prefix = type == typeof(Core.Security.AppRole) ? "Role" : type == typeof(Core.Scoring.AppraisalGrade) ? "Grade" : type.Name;
        var ui = strings[$"{prefix}.{name}"];
        if (!ui.ResourceNotFound)
        {
            return ui.Value;
        }
        var message = Messages.Get($"{prefix}.{name}");
        return message == $"{prefix}.{name}" ? null : message;
    }
}
