using EcoPlan.Core.Data;
using EcoPlan.Testing;

namespace EcoPlan.Cli.Tests;

public sealed class CliTests
{

    private static string[] DatabaseOptions(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? ["--data-dir", database.Settings.DataDirectory]
        : ["--provider", "postgres", "--connection", database.Settings.ConnectionString];

    [ProviderTheory]
    public async Task DbMigrate_CreatesTheSchemaThenReportsUpToDate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await CliRunner.RunAsync(["db", "migrate", .. DatabaseOptions(database)]);
        var second = await CliRunner.RunAsync(["db", "migrate", .. DatabaseOptions(database)]);
        var list = await CliRunner.RunAsync(["plan", "list", .. DatabaseOptions(database)]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"applied {MigrationBaseline.Initial}", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("No plans", list.Output, StringComparison.Ordinal);
        Assert.Empty(first.Error + second.Error + list.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("db", "--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("db", "backup", "--help")]
    [InlineData("db", "restore", "--help")]
    [InlineData("plan", "--help")]
    [InlineData("plan", "list", "--help")]
    [InlineData("ei", "--help")]
    [InlineData("ei", "compute", "--help")]
    [InlineData("ei", "template", "--help")]
    public async Task Help_IsAvailableOnEveryCommand(params string[] args)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Contains("用法:", output, StringComparison.Ordinal);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachablePostgres_FailsWithOneLine()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("db", "migrate", "--provider", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=secret;Timeout=3");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ecoplan: Cannot use the database PostgreSQL 127.0.0.1:1/x (ConnectionStrings:EcoPlan)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanList_WithoutADatabase_SaysHowToCreateOne()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ecoplan-tests", Guid.NewGuid().ToString("N"));

        var (exitCode, _, error) = await CliRunner.RunAsync("plan", "list", "--data-dir", directory);

        Assert.Equal(1, exitCode);
        Assert.Contains("ecoplan db migrate", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task UnknownCommand_FailsWithNonZeroExit()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("plan", "lst");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'lst'", error, StringComparison.Ordinal);
    }
}
