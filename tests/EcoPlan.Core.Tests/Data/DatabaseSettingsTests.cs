using Microsoft.Extensions.Configuration;

namespace EcoPlan.Core.Tests.Data;

public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings Read(params (string Key, string? Value)[] values) =>
        DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_AreSqliteUnderTheDataDirectory()
    {
        var settings = Read();

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.GetFullPath("data"), settings.DataDirectory);
        Assert.Contains(Path.Combine(Path.GetFullPath("data"), "ecoplan.db"), settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Username=ecoplan;Password=secret;Database=ecoplan", 64, true)]
    [InlineData("Host=db;Username=ecoplan;Password=secret;Database=ecoplan;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=db;Username=ecoplan;Password=secret;Database=ecoplan;maxautoprepare=8", 8, true)]
    [InlineData("Host=db;Username=ecoplan;Password=secret;Database=ecoplan;noresetonclose=False", 64, false)]
    public void Postgres_PreparesStatementsAndSkipsResetsUnlessTheConnectionStringSaysOtherwise(string connectionString, int prepare, bool noReset)
    {
        var effective = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseRegistration.WithNpgsqlDefaults(connectionString));

        Assert.Equal((prepare, noReset), (effective.MaxAutoPrepare, effective.NoResetOnClose));
        Assert.Equal(("db", "ecoplan", "secret"), (effective.Host, effective.Database, effective.Password));
    }

    [Fact]
    public void UnknownProvider_NamesTheSetting()
    {
        var ex = Assert.Throws<SetupException>(() => Read((DatabaseSettings.ProviderKey, "oracle")));

        Assert.Contains("EcoPlan:DatabaseProvider", ex.Message, StringComparison.Ordinal);
        Assert.Contains("oracle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_WithoutConnectionString_NamesTheSetting()
    {
        var ex = Assert.Throws<SetupException>(() => Read((DatabaseSettings.ProviderKey, "postgres")));

        Assert.Contains("ConnectionStrings:EcoPlan", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres", "Hots=localhost;Database=x")]
    [InlineData("sqlite", "Data Sourc=x.db")]
    public void MalformedConnectionString_NamesTheSettingInOneLine(string provider, string connection)
    {
        var ex = Assert.Throws<SetupException>(() => Read((DatabaseSettings.ProviderKey, provider), (DatabaseSettings.ConnectionStringKey, connection)));

        Assert.StartsWith("ConnectionStrings:EcoPlan is not a valid", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Describe_LeavesThePasswordOut()
    {
        var settings = Read((DatabaseSettings.ProviderKey, "postgres"), (DatabaseSettings.ConnectionStringKey, "Host=db.example;Port=5433;Database=eco;Username=u;Password=s3cret"));

        Assert.Equal("PostgreSQL db.example:5433/eco", settings.Describe());
    }
}
