using System.Data.Common;
using System.Text.RegularExpressions;

namespace EcoPlan.Core.Tests.Data;

/// <summary>
/// The schema of a database as sorted text lines (tables, columns with types and nullability, keys,
/// foreign keys with delete rules, indexes, check constraints), read from the database's own catalog; and its rows.
/// </summary>
internal static partial class SchemaSnapshot
{
    public static Task<string> ReadAsync(EcoPlanDbContext db) =>
        ReadLinesAsync(db, connection => db.Database.IsSqlite() ? ReadSqliteAsync(connection) : ReadPostgresAsync(connection));

    /// <summary>Every row of every table but EF's own (history, lock), with the identity counters (sqlite_sequence, PostgreSQL's sequences).</summary>
    public static Task<string> ReadRowsAsync(EcoPlanDbContext db) => ReadLinesAsync(db, async connection =>
    {
        var sqlite = db.Database.IsSqlite();
        var lines = new List<string>();
        var tables = await QueryAsync(connection, sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '__EFMigrations%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'");
        foreach (var table in tables)
        {
            lines.Add($"table {table[0]}");
            lines.AddRange((await QueryAsync(connection, $"SELECT * FROM \"{table[0]}\"")).Select(row => $"row {table[0]} {string.Join(" | ", row.Select(v => v ?? "NULL"))}"));
        }

        if (!sqlite)
        {
            lines.AddRange((await QueryAsync(connection, "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")).Select(s => $"sequence {s[0]} {s[1]}"));
        }

        return lines;
    });

    private static async Task<string> ReadLinesAsync(EcoPlanDbContext db, Func<DbConnection, Task<List<string>>> read)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return string.Join('\n', (await read(connection)).Order(StringComparer.Ordinal));
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'");
        foreach (var table in tables)
        {
            var name = table[0]!;
            var sql = table[1]!;
            lines.Add($"table {name}{(sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " autoincrement" : "")}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{name}')"))
            {
                lines.Add($"column {name}.{c[0]} {c[1]} notnull={c[2]} pk={c[3]} default={c[4]}");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"fk {name}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }

            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{name}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                // Auto-named indexes (sqlite_autoindex_…) back the primary key; their name is SQLite's, not ours.
                var indexName = i[2] == "pk" ? "(primary key)" : i[0];
                lines.Add($"index {name} {indexName} unique={i[1]} ({string.Join(", ", columns.Select(c => c[0]))})");
            }

            foreach (Match check in CheckConstraint().Matches(sql))
            {
                lines.Add($"check {name} {check.Groups[1].Value} {check.Groups[2].Value}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        // EF's own bookkeeping tables are not part of the model.
        const string History = "'__EFMigrationsHistory'";
        foreach (var t in await QueryAsync(connection, $"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> {History}"))
        {
            lines.Add($"table {t[0]}");
        }

        foreach (var c in await QueryAsync(connection, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> {History}
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]},{c[4]},{c[5]}) nullable={c[6]} default={c[7]} identity={c[8]} {c[9]}");
        }

        foreach (var i in await QueryAsync(connection, $"SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> {History}"))
        {
            lines.Add($"index {i[0]} {i[1]}");
        }

        foreach (var k in await QueryAsync(connection, $"""
            SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public' AND rel.relname <> {History} AND con.contype <> 'n'
            """))
        {
            lines.Add($"constraint {k[0]} {k[1]} {k[2]} {k[3]}");
        }

        return lines;
    }

    private static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null
                    : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes)
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex("CONSTRAINT \"(CK_[^\"]+)\" CHECK \\((.*)\\)")]
    private static partial Regex CheckConstraint();
}
