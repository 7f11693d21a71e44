using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Inserts many new rows of one entity type inside the caller's transaction, without change
/// tracking: 200 000 imported ballots take about a second instead of half a minute, so an import
/// holds the write lock only briefly and a township's save, a sign-in or a computation waiting
/// behind it is not timed out. The columns and each value's conversion are taken from EF's own
/// model (column names, value converters, type mappings), so a row is stored exactly as
/// SaveChanges would store it: on SQLite one prepared INSERT per row with parameters set up by EF's
/// type mappings (Microsoft.Data.Sqlite then writes decimals, moments and dates in the same text
/// forms); on PostgreSQL one binary COPY. Generated keys are not read back.
/// </summary>
internal static class BulkEntryWriter
{
    public static Task WriteAsync<T>(AppraisalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }
        var table = Table.Of(db.Model, typeof(T));
        return db.Database.GetDbConnection() is NpgsqlConnection postgres ? CopyInAsync(postgres, table, rows, ct) : InsertEachAsync(db, table, rows, ct);
    }

    private static async Task CopyInAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        var types = table.Columns.Select(c => PostgresType(c.ProviderType)).ToArray();
        // COPY runs in the connection's open transaction, the caller's.
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {table.QuotedName} ({string.Join(", ", table.Columns.Select(c => c.QuotedName))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                await WriteAsync(copy, table.Columns[i].Value(row), types[i], ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        int v => copy.WriteAsync(v, type, ct),
        long v => copy.WriteAsync(v, type, ct),
        string v => copy.WriteAsync(v, type, ct),
        decimal v => copy.WriteAsync(v, type, ct),
        bool v => copy.WriteAsync(v, type, ct),
        DateTimeOffset v => copy.WriteAsync(v, type, ct),
        DateOnly v => copy.WriteAsync(v, type, ct),
        _ => throw new NotSupportedException($"No COPY writer for {value.GetType().Name}."),
    };

    /// <summary>The PostgreSQL type of a column from the value EF sends for it (after its converter).</summary>
    private static NpgsqlDbType PostgresType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
        var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
        var t => throw new NotSupportedException($"No COPY type for {t.Name}."),
    };

    private static async Task InsertEachAsync<T>(AppraisalDbContext db, Table table, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        // One row per statement: SQLite looks each parameter up by name when binding, so a statement
        // of many rows costs more per row, not less.
        command.CommandText = $"INSERT INTO {table.QuotedName} ({string.Join(", ", table.Columns.Select(c => c.QuotedName))}) " +
                              $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        // Each parameter is set up by the column's EF type mapping, as SaveChanges sets up its own.
        var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, c.Nullable)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].Value(row) ?? DBNull.Value;
            }
            ct.ThrowIfCancellationRequested();
            // SQLite executes synchronously underneath; an await per row would only add overhead.
            command.ExecuteNonQuery();
        }
    }

    /// <summary>An entity type's table and the columns an insert writes (all but a generated key).</summary>
    private sealed record Table(string QuotedName, IReadOnlyList<Column> Columns)
    {
        public static Table Of(IModel model, Type type)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                if (property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd)
                {
                    continue;
                }
                if (property.ValueGenerated != ValueGenerated.Never || property.IsShadowProperty())
                {
                    // A value the database or the change tracker would make: not one this writer can give.
                    throw new NotSupportedException($"{type.Name}.{property.Name} is generated; bulk inserts write plain columns only.");
                }
                var mapping = property.GetRelationalTypeMapping();
                var getter = property.GetGetter();
                var converter = mapping.Converter;
                columns.Add(new Column(
                    $"\"{property.GetColumnName(store)}\"", mapping, property.IsNullable, converter?.ProviderClrType ?? property.ClrType,
                    converter is null ? getter.GetClrValueUsingContainingEntity : entity => converter.ConvertToProvider(getter.GetClrValueUsingContainingEntity(entity))));
            }
            var schema = entity.GetSchema();
            return new Table(schema is null ? $"\"{store.Name}\"" : $"\"{schema}\".\"{store.Name}\"", columns);
        }
    }

    /// <summary>A column: its quoted name, EF's mapping, and the value EF would send for an entity (converted to the provider's type).</summary>
    private sealed record Column(string QuotedName, RelationalTypeMapping Mapping, bool Nullable, Type ProviderType, Func<object, object?> Value);
}
