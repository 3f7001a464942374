using EcoPlan.Core.Accounts;

namespace EcoPlan.Cli.Accounts;

/// <summary><c>ecoplan user add</c>: a user of an organization with one role.</summary>
internal static class UserAddCommand
{
    public static Command Create()
    {
        var name = UserCommand.NameOption();
        var password = UserCommand.PasswordOption();
        var org = new Option<string>("--org") { Description = "The user's organization: its full name or an alias (市生态环境局).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var leader = new Option<string?>("--leader") { Description = "For a leader account: the leader it is (林正航)." };
        var add = new Command("add", "Creates a user of an organization with one role, and prints the password when it was generated.") { name, org, role, leader, password };
        add.SetAction(async (parse, cancellationToken) => await UserCommand.RunAsync(parse, async accounts =>
        {
            var (user, set) = await accounts.AddUserAsync(parse.GetValue(name)!, parse.GetValue(org)!, parse.GetValue(role)!, parse.GetValue(leader), parse.GetValue(password));
            return $"Created user {user.UserName} ({parse.GetValue(role)})." + (parse.GetValue(password) is null ? $" Password: {set}" : "");
        }, cancellationToken));
        return add;
    }
}
