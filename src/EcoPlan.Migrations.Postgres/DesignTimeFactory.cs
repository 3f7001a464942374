using EcoPlan.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace EcoPlan.Migrations.Postgres;

/// <summary>The context `dotnet ef` builds migrations from: PostgreSQL's model.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EcoPlanDbContext>
{
    public EcoPlanDbContext CreateDbContext(string[] args) => DatabaseRegistration.CreateDesignTimeContext(DatabaseProvider.Postgres);
}
