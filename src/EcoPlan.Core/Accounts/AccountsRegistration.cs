using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Core.Accounts;

public static class AccountsRegistration
{
    /// <summary>The password policy of every host (web and CLI), so a password the CLI sets is one the web accepts.</summary>
    public static void ConfigurePolicy(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        // Failed passwords never lock an account (that let anyone lock anyone out): the web app throttles and slows
        // sign-in attempts instead (EcoPlan.Web's SignInThrottle). A lockout an administrator sets is still honoured.
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    }

    /// <summary>Identity's stores and managers without the web's cookies: what the CLI needs to manage users.</summary>
    public static IServiceCollection AddEcoPlanAccountStores(this IServiceCollection services)
    {
        services.AddIdentityCore<EcoPlanUser>(ConfigurePolicy)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<Data.EcoPlanDbContext>();
        services.AddScoped<AccountAdministration>();
        return services;
    }
}
