using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Longan.Appraisal.Core.Persistence.PostgreSql;

/// <summary>
/// Every write transaction on PostgreSQL first takes one transaction-scoped advisory lock, so writers
/// meet exactly as on SQLite (whose transactions here begin IMMEDIATE): one at a time, the next
/// waiting its turn rather than failing, whichever node it runs on. The services' read-check-write
/// steps (a village's one serving assistant, ticket numbers, a ballot code used once, the audit
/// chain's next link read and written after it) therefore keep the meaning they have on SQLite,
/// without a serialization failure to retry. Readers take no lock. The lock ends with the transaction.
/// </summary>
internal sealed class SingleWriter : DbTransactionInterceptor
{
    /// <summary>An arbitrary 64-bit key, the same on every node: "Longan" in ASCII.</summary>
    internal const long LockKey = 0x4C6F6E67616E;

    public static SingleWriter Instance { get; } = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Lock(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = Lock(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static DbCommand Lock(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({LockKey})";
        return command;
    }
}
