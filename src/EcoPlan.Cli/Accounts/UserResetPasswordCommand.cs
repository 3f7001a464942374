namespace EcoPlan.Cli.Accounts;

/// <summary><c>ecoplan user reset-password</c>: a new password, the lockout ended, every session signed out.</summary>
internal static class UserResetPasswordCommand
{
    public static Command Create()
    {
        var name = UserCommand.NameOption();
        var password = UserCommand.PasswordOption();
        var reset = new Command("reset-password", "Sets a new password (generated unless given), ends the lockout and signs the user out everywhere.") { name, password };
        reset.SetAction(async (parse, cancellationToken) => await UserCommand.RunAsync(parse, async accounts =>
        {
            var set = await accounts.ResetPasswordAsync(parse.GetValue(name)!, parse.GetValue(password));
            return $"Password of {parse.GetValue(name)} reset." + (parse.GetValue(password) is null ? $" Password: {set}" : "");
        }, cancellationToken));
        return reset;
    }
}
