using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>Plans.ContentRevision: changes with the plan's content, so caches of rendered plans can tell when they are out of date.</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122060000_PlanContentRevision")]
public sealed class PlanContentRevision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>("ContentRevision", "Plans", nullable: false, defaultValue: 0L);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("ContentRevision", "Plans");
}
