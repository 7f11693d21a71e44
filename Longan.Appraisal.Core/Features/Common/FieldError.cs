namespace Longan.Appraisal.Core.Features.Common;

/// <summary>What is wrong with one field of a form, in the UI language.</summary>
public sealed record FieldError(string Field, string Message);
