using Microsoft.Extensions.Configuration;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// The database the portal and the admin verbs use: the provider (`Appraisal:Database`, default
/// SQLite) and its connection string (`ConnectionStrings:Appraisal`, default an embedded file).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The configuration key naming the provider (environment: Appraisal__Database).</summary>
    public const string ProviderKey = "Appraisal:Database";

    public static DatabaseSettings Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    /// <summary>
    /// Reads the provider and connection string. A SQLite file named relative is taken relative to
    /// <paramref name="contentRoot"/>; PostgreSQL needs a connection string (a clear message if not).
    /// </summary>
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString(AppraisalDatabase.ConnectionStringName);
        var provider = ParseProvider(configuration[ProviderKey]);
        return provider switch
        {
            DatabaseProvider.PostgreSQL => new(provider, string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Appraisal:Database = PostgreSQL 需要在 ConnectionStrings:Appraisal（环境变量 ConnectionStrings__Appraisal）中给出 Npgsql 连接字符串。")
                : configured),
            _ => Sqlite(AppraisalDatabase.ResolveConnectionString(configured, contentRoot)),
        };
    }

    /// <summary>`Sqlite` or `PostgreSQL` (any case); empty means SQLite; anything else is refused by name.</summary>
    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"Appraisal:Database 只能是 Sqlite 或 PostgreSQL，而不是“{value}”。");

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public string Described => Provider == DatabaseProvider.PostgreSQL
        ? new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ToString()
        : ConnectionString;
}
