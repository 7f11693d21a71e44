using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>The few SQL expressions the hot read paths need that the two providers spell differently.</summary>
internal static class SqlDialect
{
    /// <summary>
    /// The month number (1–12) of a date column: SQLite keeps dates as yyyy-MM-dd text, PostgreSQL as
    /// dates. Taken in the database so 180 000 attendance rows arrive as integers, not dates to parse.
    /// </summary>
    public static string MonthNumber(DatabaseFacade database, string column) => database.IsSqlite()
        ? $"CAST(substr({column}, 6, 2) AS INTEGER)"
        : $"CAST(EXTRACT(MONTH FROM {column}) AS integer)";
}
