using EcoPlan.Core.Accounts;

namespace EcoPlan.Cli.Accounts;

/// <summary><c>ecoplan user add|reset-password</c>: accounts from the shell, with the web app's password policy.</summary>
internal static class UserCommand
{
    public static Command Create() => new("user", "User accounts.") { UserAddCommand.Create(), UserResetPasswordCommand.Create() };

    internal static Option<string> NameOption() => new("--name") { Description = "The user name people sign in with.", Required = true };

    internal static Option<string?> PasswordOption() => new("--password") { Description = "The password to set; generated and printed when left out." };

    /// <summary>Runs an account change and prints its line; a refusal (unknown user, weak password) is one line and exit code 2.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Func<AccountAdministration, Task<string>> action, CancellationToken cancellationToken)
    {
        await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
        try
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(await action(database.Get<AccountAdministration>()));
            return 0;
        }
        catch (AccountException ex)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {ex.Message}");
            return CliFiles.BadInput;
        }
    }
}
