using EcoPlan.Cli.Database;
using EcoPlan.Cli.Plans;
using EcoPlan.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcoPlan.Cli;

/// <summary>The `ecoplan` command: the same use cases as the web app, from a shell or a script.</summary>
public static class EcoPlanCli
{
    public static readonly Option<string?> DataDirectoryOption = new("--data-dir")
    {
        Description = "Directory of the SQLite database and uploads (EcoPlan:DataDirectory; default ./data).",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "Database provider: sqlite or postgres (EcoPlan:DatabaseProvider).",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Connection string (ConnectionStrings:EcoPlan); required for postgres.",
        Recursive = true,
    };

    private static readonly string[] s_localeVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static readonly Option<string?> LanguageOption = new("--lang")
    {
        Description = "Language of the messages: zh (the default) or en. Without it, English when LC_ALL, LC_MESSAGES or LANG starts with \"en\".",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("EcoPlan: ecological-protection action plans, from the issued document to the year-end report.")
        {
            DataDirectoryOption,
            ProviderOption,
            ConnectionOption,
            LanguageOption,
            DbCommand.Create(),
            PlanCommand.Create(),
            Accounts.UserCommand.Create(),
            Progress.RemindersCommand.Create(),
            Indicators.EiCommand.Create(),
            Indicators.GeprCommand.Create(),
            Clues.ClueCommand.Create(),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        var callerCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = MessageCulture(root.Parse(args).GetValue(LanguageOption), Environment.GetEnvironmentVariable);
        try
        {
            // Parsed again in the chosen language, so that the parse errors (a missing option, an unknown command) are in it too.
            var parse = root.Parse(args);
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (SetupException ex)
        {
            await error.WriteLineAsync($"ecoplan: {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"ecoplan: {string.Join("; ", ex.Failures)}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("ecoplan: cancelled");
            return 130;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("ECOPLAN_DEBUG") is null)
        {
            await error.WriteLineAsync($"ecoplan: unexpected {ex.GetType().Name}: {SetupException.OneLine(ex.Message)} (set ECOPLAN_DEBUG=1 for the stack trace)");
            return 1;
        }
        finally
        {
            CultureInfo.CurrentUICulture = callerCulture;
        }
    }

    /// <summary>
    /// The language Core's messages are printed in: Chinese, as the product speaks, unless --lang or the locale
    /// (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them) asks for English.
    /// </summary>
    public static CultureInfo MessageCulture(string? language, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var choice = language ?? s_localeVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return choice is not null && choice.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");
    }

    /// <summary>
    /// The configuration: appsettings.json in the working directory, then environment variables (EcoPlan__DataDirectory,
    /// ConnectionStrings__EcoPlan), then the options.
    /// </summary>
    public static IConfiguration ReadConfiguration(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(DataDirectoryOption) is { } dir)
        {
            overrides[DatabaseSettings.DataDirectoryKey] = dir;
        }

        if (parse.GetValue(ProviderOption) is { } provider)
        {
            overrides[DatabaseSettings.ProviderKey] = provider;
        }

        if (parse.GetValue(ConnectionOption) is { } connection)
        {
            overrides[DatabaseSettings.ConnectionStringKey] = connection;
        }

        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }
}
