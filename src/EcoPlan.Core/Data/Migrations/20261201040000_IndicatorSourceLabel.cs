using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>IndicatorImports.SourceLabel: what pages showing the values say of their source (示例数据，非官方数据 for the demo's).</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261201040000_IndicatorSourceLabel")]
public sealed class IndicatorSourceLabel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("SourceLabel", "IndicatorImports", maxLength: 100, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("SourceLabel", "IndicatorImports");
}
