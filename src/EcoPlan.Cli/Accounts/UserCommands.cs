using System.CommandLine;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Cli.Accounts;

/// <summary>`ecoplan user add|reset-password`: accounts from the shell, with the web app's password policy.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The user name people sign in with.", Required = true };
        var password = new Option<string?>("--password") { Description = "The password to set; generated and printed when left out." };

        var org = new Option<string>("--org") { Description = "The user's organization: its full name or an alias (市生态环境局).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var leader = new Option<string?>("--leader") { Description = "For a leader account: the leader it is (林正航)." };
        var add = new Command("add", "Creates a user of an organization with one role, and prints the password when it was generated.") { name, org, role, leader, password };
        add.SetAction(async (parse, cancellationToken) => await RunAsync(parse, async accounts =>
        {
            var (user, set) = await accounts.AddUserAsync(parse.GetValue(name)!, parse.GetValue(org)!, parse.GetValue(role)!, parse.GetValue(leader), parse.GetValue(password));
            return $"Created user {user.UserName} ({parse.GetValue(role)})." + (parse.GetValue(password) is null ? $" Password: {set}" : "");
        }, cancellationToken));

        var reset = new Command("reset-password", "Sets a new password (generated unless given), ends the lockout and signs the user out everywhere.") { name, password };
        reset.SetAction(async (parse, cancellationToken) => await RunAsync(parse, async accounts =>
        {
            var set = await accounts.ResetPasswordAsync(parse.GetValue(name)!, parse.GetValue(password));
            return $"Password of {parse.GetValue(name)} reset." + (parse.GetValue(password) is null ? $" Password: {set}" : "");
        }, cancellationToken));

        return new Command("user", "User accounts.") { add, reset };
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<AccountAdministration, Task<string>> action, CancellationToken cancellationToken)
    {
        var settings = EcoPlanCli.ReadSettings(parse);
        await using (var check = DatabaseRegistration.CreateContext(settings))
        {
            await DatabaseInitializer.VerifyAsync(check, settings, cancellationToken);
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<EcoPlanDbContext>(options => DatabaseRegistration.Configure(options, settings))
            .AddEcoPlanAccountStores();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        try
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(await action(scope.ServiceProvider.GetRequiredService<AccountAdministration>()));
            return 0;
        }
        catch (AccountException ex)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {ex.Message}");
            return 2;
        }
    }
}
