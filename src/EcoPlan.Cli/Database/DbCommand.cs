namespace EcoPlan.Cli.Database;

/// <summary><c>ecoplan db</c>: the database schema and reference data, backup and restore.</summary>
internal static class DbCommand
{
    public static Command Create() => new("db", "Database schema and reference data; backup and restore.") { DbMigrateCommand.Create(), DbBackupCommand.Create(), DbRestoreCommand.Create() };
}
