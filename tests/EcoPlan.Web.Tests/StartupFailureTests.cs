namespace EcoPlan.Web.Tests;

/// <summary>The real executable, started as a user would, with settings that cannot work.</summary>
public sealed class StartupFailureTests
{
    [Theory]
    [InlineData("postgres", "Host=127.0.0.1;Port=1;Database=ecoplan;Username=u;Password=p;Timeout=3", "ConnectionStrings:EcoPlan")]
    [InlineData("postgres", "Hots=nowhere", "ConnectionStrings:EcoPlan is not a valid PostgreSQL connection string")]
    [InlineData("oracle", "", "EcoPlan:DatabaseProvider")]
    public async Task BadDatabaseSetting_ExitsWithOneLineNamingIt(string provider, string connection, string expected)
    {
        var (exitCode, stderr, stdout) = await RunWebAsync(
            $"--EcoPlan:DatabaseProvider={provider}", $"--ConnectionStrings:EcoPlan={connection}", $"--EcoPlan:DataDirectory={Path.GetTempPath()}");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ecoplan: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableDataDirectory_ExitsWithOneLineNamingIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, stderr, stdout) = await RunWebAsync($"--EcoPlan:DataDirectory={file}/data");

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("ecoplan: EcoPlan:DataDirectory", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Stderr, string Stdout)> RunWebAsync(params string[] args)
    {
        var (exitCode, stdout, stderr) = await ExternalProgram.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "EcoPlan.Web.dll"), "--urls=http://127.0.0.1:0", .. args], TimeSpan.FromSeconds(60));
        return (exitCode, stderr, stdout);
    }
}
