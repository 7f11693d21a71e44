namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// A clock that stands still, so date rules ("not after today") are tested on a known day; tests
/// about the order of events move it on explicitly.
/// </summary>
public sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>2026-11-28 10:00 in Longan (UTC+8).</summary>
    public static readonly DateTimeOffset Default = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = start;

    public FixedClock() : this(Default)
    {
    }

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
