using EcoPlan.Core.Configuration;
using EcoPlan.Core.Indicators.GepR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcoPlan.Core.Tests.Indicators.GepR;

/// <summary>The rules file is read once and again when it changes; a bad edit keeps the last good rules and is logged.</summary>
public sealed class CompensationRulesSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecoplan-rules-").FullName;
    private readonly ListLogger _log = new();

    private string RulesFile => Path.Combine(_directory, "compensation-rules.json");

    private CompensationRulesSource Source(string? configured = null) => new(
        Options.Create(new EcoPlanOptions { Indicators = new IndicatorOptions { CompensationRules = configured } }),
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=x.db", _directory),
        _log);

    private static string Rules(decimal rate) => CompensationRulesFile.Template.Replace("\"rate\": 0.1", $"\"rate\": {rate}", StringComparison.Ordinal);

    /// <summary>Waits for the file watcher to pass a change on (it runs on its own thread).</summary>
    private static async Task<CompensationRules?> EventuallyAsync(CompensationRulesSource source, Func<CompensationRules?, bool> done)
    {
        for (var i = 0; i < 100 && !done(source.Current().Rules); i++)
        {
            await Task.Delay(50);
        }

        return source.Current().Rules;
    }

    [Fact]
    public void NoFile_TheShippedExample()
    {
        using var source = Source();

        Assert.Equal(0.1m, source.Current().Rules!.Rate);
    }

    [Fact]
    public async Task ChangedFile_IsPickedUp_ABadEditKeepsTheLastGoodRulesAndIsLogged()
    {
        await File.WriteAllTextAsync(RulesFile, Rules(0.2m));
        using var source = Source();
        Assert.Equal(0.2m, source.Current().Rules!.Rate);

        await File.WriteAllTextAsync(RulesFile, Rules(0.3m));
        Assert.Equal(0.3m, (await EventuallyAsync(source, r => r?.Rate == 0.3m))!.Rate);

        await File.WriteAllTextAsync(RulesFile, Rules(0.3m).Replace("\"rate\": 0.3", "\"rate\": -1", StringComparison.Ordinal));
        source.Reload();

        var (rules, error) = source.Current();
        Assert.Equal(0.3m, rules!.Rate);
        Assert.Null(error);
        // The watcher may also have seen the file half written; the finished edit's error is logged in any case.
        Assert.Contains(_log.Errors, e => e.StartsWith("EcoPlan:Indicators:CompensationRules: ", StringComparison.Ordinal) && e.Contains("rate:", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredFileMissing_SaysSoNamingTheSetting()
    {
        using var source = Source(Path.Combine(_directory, "none.json"));

        var (rules, error) = source.Current();

        Assert.Null(rules);
        Assert.Equal($"EcoPlan:Indicators:CompensationRules: {Path.Combine(_directory, "none.json")}: no such file", error);
    }

    [Fact]
    public async Task InvalidFileAtStart_GivesTheErrorWithItsPlace()
    {
        await File.WriteAllTextAsync(RulesFile, "{ \"mode\": \"sideways\" }");
        using var source = Source();

        var (rules, error) = source.Current();

        Assert.Null(rules);
        Assert.StartsWith($"EcoPlan:Indicators:CompensationRules: {RulesFile}:1:", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class ListLogger : ILogger<CompensationRulesSource>
    {
        private readonly List<string> _errors = [];

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                lock (_errors)
                {
                    _errors.Add(formatter(state, exception));
                }
            }
        }
    }
}
