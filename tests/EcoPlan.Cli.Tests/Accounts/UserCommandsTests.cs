using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Cli.Tests.Accounts;

public sealed class UserCommandsTests
{

    private static string[] Db(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? ["--data-dir", database.Settings.DataDirectory]
        : ["--provider", "postgres", "--connection", database.Settings.ConnectionString];

    [ProviderTheory]
    public async Task UserAdd_ByAlias_ThenResetPassword_GivesAUserWhosePasswordWorks(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var added = await CliRunner.RunAsync(["user", "add", "--name", "ylj", "--org", "区园林绿化局", "--role", "unit", .. Db(database)]);
        var reset = await CliRunner.RunAsync(["user", "reset-password", "--name", "ylj", "--password", "NewPassword99", .. Db(database)]);

        Assert.Equal(0, added.ExitCode);
        Assert.Matches("Created user ylj \\(unit\\)\\. Password: [A-Za-z0-9]{16}", added.Output);
        Assert.Equal(0, reset.ExitCode);
        await using var db = database.NewContext();
        var user = await db.Users.Include(u => u.Organization).SingleAsync(u => u.UserName == "ylj");
        Assert.Equal("北京市通州区园林绿化局", user.Organization!.Name);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<EcoPlanUser>().VerifyHashedPassword(user, user.PasswordHash!, "NewPassword99"));
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.Equal([Roles.Unit], roles);
    }

    [Fact]
    public async Task UserAdd_Leader_IsLinkedToTheLeader()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync(["user", "add", "--name", "lzh", "--org", "通州区人民政府", "--role", "leader", "--leader", "林正航", "--password", "LeaderPass2026", .. Db(database)]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Password:", result.Output, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "lzh");
        Assert.Equal(await db.Leaders.Where(l => l.Name == "林正航").Select(l => (int?)l.Id).SingleAsync(), user.LeaderId);
    }

    [Theory]
    [InlineData("--org", "不存在的单位", "--role", "unit", "不在单位目录中")]
    [InlineData("--org", "区园林绿化局", "--role", "leader", "领导账号需要 --leader")]
    [InlineData("--org", "区园林绿化局", "--role", "unit", "passwords must", "--password", "short")]
    public async Task UserAdd_BadInput_IsRefusedInOneLine(string orgOption, string org, string roleOption, string role, string expected, params string[] more)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync(["user", "add", "--name", "x", orgOption, org, roleOption, role, .. more, .. Db(database)]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
        await using var db = database.NewContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task UserAdd_Twice_AndResetOfUnknownUser_AreRefused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await CliRunner.RunAsync(["user", "add", "--name", "ylj", "--org", "区园林绿化局", "--role", "unit", .. Db(database)]);

        var again = await CliRunner.RunAsync(["user", "add", "--name", "ylj", "--org", "区园林绿化局", "--role", "unit", .. Db(database)]);
        var unknown = await CliRunner.RunAsync(["user", "reset-password", "--name", "nobody", .. Db(database)]);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("已存在", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("不存在", unknown.Error, StringComparison.Ordinal);
    }
}
