using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>OrganizationMerges: each merge of a duplicate unit, with the removed unit and the rows it moved, so it can be undone.</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261201020000_OrganizationMerges")]
public sealed class OrganizationMerges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OrganizationMerges",
            columns: table => new
            {
                Id = Initial.Identity(table),
                SourceId = table.Column<int>(nullable: false),
                SourceName = table.Column<string>(maxLength: 100, nullable: false),
                SourceKind = table.Column<string>(maxLength: 16, nullable: false),
                SourceRegionId = table.Column<int>(nullable: false),
                SourceParentId = table.Column<int>(nullable: true),
                TargetId = table.Column<int>(nullable: false),
                TargetName = table.Column<string>(maxLength: 100, nullable: false),
                Moves = table.Column<string>(nullable: false),
                MergedAt = table.Column<DateTime>(nullable: false),
                MergedBy = table.Column<string>(maxLength: 256, nullable: false),
                UndoneAt = table.Column<DateTime>(nullable: true),
                UndoneBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OrganizationMerges", x => x.Id));
        migrationBuilder.CreateIndex("IX_OrganizationMerges_SourceId", "OrganizationMerges", "SourceId");
        migrationBuilder.CreateIndex("IX_OrganizationMerges_TargetId", "OrganizationMerges", "TargetId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("OrganizationMerges");
}
