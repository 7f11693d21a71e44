using System.Globalization;
using Longan.Appraisal.Core.Persistence;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>The arguments of the <c>votes</c> command.</summary>
internal sealed record VoteBenchmarkOptions(
    DatabaseSettings Database, Uri Url, int Votes, IReadOnlyList<int> Concurrency, int Warmup, int? Pid, int? Year, string? Township, bool Insecure)
{
    public const string Usage = """
        votes --db <sqlite file the portal uses | Npgsql connection string> --url <http://127.0.0.1:PORT | https://nginx:PORT>
              [--votes 3000] [--concurrency 32 | 8,32,64] [--warmup 200] [--pid <portal pid>] [--year <yyyy>] [--township <name>]
              [--insecure true]
        Opens 测评场次 for one township's villages through Core on the portal's database, votes through
        the portal as concurrent virtual phones (open the slip's address, choose, check, submit, thanked),
        then checks the database and closes the sessions. Use a throw-away database: it adds a collecting
        cycle (when none is collecting) and the sessions' tallies.
        --db Host=…;Database=… is a PostgreSQL database (the portal's nodes run with Appraisal__Database=PostgreSQL);
        --url may be a proxy in front of several nodes (nginx; its affinity cookie is kept per phone), and
        --insecure true accepts its self-signed certificate.
        """;

    /// <summary>The options, or null with the problem written to <paramref name="error"/>.</summary>
    public static VoteBenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
            {
                error.WriteLine($"Unexpected argument '{args[i]}'.");
                return null;
            }
            values[args[i][2..]] = args[++i];
        }
        if (!values.TryGetValue("db", out var db) || !values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            error.WriteLine("--db and an absolute --url are required.");
            return null;
        }
        var postgres = db.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (!postgres && !File.Exists(db))
        {
            error.WriteLine($"No database at {db}: start the portal on it first (it migrates and seeds the demo county).");
            return null;
        }
        VoteBenchmarkOptions options;
        try
        {
            var concurrency = (values.GetValueOrDefault("concurrency") ?? "32").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
            options = new VoteBenchmarkOptions(
                postgres ? new DatabaseSettings(DatabaseProvider.PostgreSQL, db) : DatabaseSettings.Sqlite($"Data Source={Path.GetFullPath(db)}"), uri, Number(values, "votes") ?? 3000, concurrency, Number(values, "warmup") ?? 200,
                Number(values, "pid"), Number(values, "year"), values.GetValueOrDefault("township"), values.GetValueOrDefault("insecure") == "true");
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            error.WriteLine("--votes, --concurrency, --warmup, --pid and --year take whole numbers.");
            return null;
        }
        var levels = options.Concurrency;
        if (options.Votes < 1 || options.Warmup < 0 || levels.Count == 0 || levels.Any(c => c < 1))
        {
            error.WriteLine("--votes and --concurrency must be positive, --warmup not negative.");
            return null;
        }
        return options;
    }

    private static int? Number(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
