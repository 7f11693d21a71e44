namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>A clock that stands still, so date rules ("not after today") are tested on a known day.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>2026-11-28 10:00 in Longan (UTC+8).</summary>
    public static readonly DateTimeOffset Default = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    public FixedClock() : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
