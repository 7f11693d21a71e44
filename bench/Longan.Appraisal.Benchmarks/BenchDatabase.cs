using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// The portal's services on the database a query benchmark measures: LONGAN_BENCH_POSTGRES (a
/// PostgreSQL connection string) when set, else the SQLite file LONGAN_BENCH_DB (default
/// longan-bench.db in the temp folder).
/// </summary>
internal static class BenchDatabase
{
    public static ServiceProvider Services()
    {
        var postgres = Environment.GetEnvironmentVariable("LONGAN_BENCH_POSTGRES");
        var settings = postgres is { Length: > 0 }
            ? new DatabaseSettings(DatabaseProvider.PostgreSQL, postgres)
            : DatabaseSettings.Sqlite($"Data Source={Environment.GetEnvironmentVariable("LONGAN_BENCH_DB") ?? Path.Combine(Path.GetTempPath(), "longan-bench.db")}");
        return new ServiceCollection().AddLogging().AddAppraisalCore(settings).BuildServiceProvider();
    }
}
