namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// A decimal as it comes back from the database, the same on every provider. A decimal carries its
/// scale (80 and 80.0 are equal but print differently), and the explanation steps and the result
/// fingerprint print decimals. EF stores decimals on SQLite as text with trailing zeros trimmed and
/// at least one decimal place ("80.0", "66.9"), so that is the shape every stored decimal is read
/// back in; PostgreSQL's numeric would otherwise keep the scale it was written with ("80", "66.90")
/// and the same inputs would print, and fingerprint, differently.
/// </summary>
public static class StoredDecimal
{
    /// <summary>Trailing zeros dropped (dividing by one with 28 zeros), then at least one decimal place (adding 0.0).</summary>
    public static decimal Canonical(decimal value) => value / 1.0000000000000000000000000000m + 0.0m;
}
