using EcoPlan.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EcoPlan.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where EcoPlan keeps its data, read from configuration and checked before anything connects.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string ProviderKey = "EcoPlan:DatabaseProvider";
    public const string DataDirectoryKey = "EcoPlan:DataDirectory";
    public const string ConnectionStringKey = "ConnectionStrings:EcoPlan";
    public const string SqliteFileName = "ecoplan.db";

    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");

    /// <summary>Where the file-system attachment store keeps uploaded evidence (attachments/ab/abcdef…, by SHA-256); backups include it.</summary>
    public string AttachmentsDirectory => Path.Combine(DataDirectory, "attachments");

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(EcoPlanOptionsRegistration.Read(configuration), configuration.GetConnectionString("EcoPlan"));
    }

    /// <summary>The settings of the options tree and the connection string (ConnectionStrings:EcoPlan, outside the tree).</summary>
    public static DatabaseSettings From(EcoPlanOptions options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory is { Length: > 0 } dir ? dir : "data");
        var provider = ParseProvider(options.DatabaseProvider);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, SqliteFileName) }.ToString();
                Validate(() => _ = new SqliteConnectionStringBuilder(connectionString), "SQLite");
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new SetupException($"{ConnectionStringKey} is not set; it is required when {ProviderKey} is 'postgres'.");
                }

                Validate(() => _ = new NpgsqlConnectionStringBuilder(connectionString), "PostgreSQL");
                break;
        }

        return new DatabaseSettings(provider, connectionString!, dataDirectory);
    }

    /// <summary>The connection string's target without secrets, for messages.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        DatabaseProvider.Postgres => DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString)),
    };

    private static string DescribePostgres(NpgsqlConnectionStringBuilder b) =>
        $"PostgreSQL {b.Host ?? "localhost"}:{b.Port}/{b.Database ?? b.Username}";

    internal static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new SetupException($"{ProviderKey} is '{value}'; use 'sqlite' or 'postgres'."),
    };

    private static void Validate(Action parse, string providerName)
    {
        try
        {
            parse();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new SetupException($"{ConnectionStringKey} is not a valid {providerName} connection string: {ex.Message}", ex);
        }
    }
}
