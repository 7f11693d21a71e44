namespace Longan.Appraisal.Web.Resources;

/// <summary>
/// Marker for the UI strings: SharedResource.resx holds Simplified Chinese (the default) and
/// SharedResource.en.resx English. Components use them through IStringLocalizer&lt;SharedResource&gt;.
/// </summary>
public sealed class SharedResource;
