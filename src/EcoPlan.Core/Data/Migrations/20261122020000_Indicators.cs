using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>
/// Indicator storage: import batches, EI sub-index values per region, year and methodology, GEP-R quantities and
/// price versions, the achieved values of targets, and the in-app notices to units. Provider-neutral, like the others.
/// </summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122020000_Indicators")]
public sealed class Indicators : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IndicatorImports",
            columns: table => new
            {
                Id = Initial.Identity(table),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Methodology = table.Column<string>(maxLength: 20, nullable: true),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Rows = table.Column<int>(nullable: false),
                ImportedAt = table.Column<DateTime>(nullable: false),
                ImportedBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_IndicatorImports", x => x.Id));

        migrationBuilder.CreateTable(
            name: "EiRecords",
            columns: table => new
            {
                Id = Initial.Identity(table),
                RegionId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Methodology = table.Column<string>(maxLength: 20, nullable: false),
                RestrictionLevel = table.Column<int>(nullable: false),
                ImportId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EiRecords", x => x.Id);
                table.ForeignKey("FK_EiRecords_IndicatorImports_ImportId", x => x.ImportId, "IndicatorImports", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_EiRecords_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "EiSubIndexValues",
            columns: table => new
            {
                Id = Initial.Identity(table),
                RecordId = table.Column<int>(nullable: false),
                SubIndex = table.Column<string>(maxLength: 64, nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EiSubIndexValues", x => x.Id);
                table.ForeignKey("FK_EiSubIndexValues_EiRecords_RecordId", x => x.RecordId, "EiRecords", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GepRQuantities",
            columns: table => new
            {
                Id = Initial.Identity(table),
                RegionId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Service = table.Column<string>(maxLength: 64, nullable: false),
                Item = table.Column<string>(maxLength: 64, nullable: false),
                Quantity = table.Column<decimal>(precision: 24, scale: 6, nullable: false),
                Unit = table.Column<string>(maxLength: 20, nullable: false),
                Source = table.Column<string>(maxLength: 500, nullable: false),
                ImportId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GepRQuantities", x => x.Id);
                table.ForeignKey("FK_GepRQuantities_IndicatorImports_ImportId", x => x.ImportId, "IndicatorImports", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_GepRQuantities_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "GepRPrices",
            columns: table => new
            {
                Id = Initial.Identity(table),
                PriceYear = table.Column<int>(nullable: false),
                Service = table.Column<string>(maxLength: 64, nullable: false),
                Item = table.Column<string>(maxLength: 64, nullable: false),
                Price = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                Unit = table.Column<string>(maxLength: 20, nullable: false),
                Source = table.Column<string>(maxLength: 500, nullable: false),
                Confirmed = table.Column<bool>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                ImportId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GepRPrices", x => x.Id);
                table.ForeignKey("FK_GepRPrices_IndicatorImports_ImportId", x => x.ImportId, "IndicatorImports", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "TargetAchievements",
            columns: table => new
            {
                Id = Initial.Identity(table),
                TargetId = table.Column<int>(nullable: false),
                RegionId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                Weight = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                Source = table.Column<string>(maxLength: 200, nullable: false),
                EnteredAt = table.Column<DateTime>(nullable: false),
                EnteredBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TargetAchievements", x => x.Id);
                table.ForeignKey("FK_TargetAchievements_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_TargetAchievements_Targets_TargetId", x => x.TargetId, "Targets", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = Initial.Identity(table),
                OrganizationId = table.Column<int>(nullable: false),
                Key = table.Column<string>(maxLength: 200, nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
                Link = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_EiRecords_ImportId", "EiRecords", "ImportId");
        migrationBuilder.CreateIndex("IX_EiRecords_Methodology_RegionId_Year", "EiRecords", ["Methodology", "RegionId", "Year"], unique: true);
        migrationBuilder.CreateIndex("IX_EiRecords_RegionId", "EiRecords", "RegionId");
        migrationBuilder.CreateIndex("IX_EiSubIndexValues_RecordId_SubIndex", "EiSubIndexValues", ["RecordId", "SubIndex"], unique: true);
        migrationBuilder.CreateIndex("IX_GepRQuantities_ImportId", "GepRQuantities", "ImportId");
        migrationBuilder.CreateIndex("IX_GepRQuantities_RegionId_Year_Service_Item", "GepRQuantities", ["RegionId", "Year", "Service", "Item"], unique: true);
        migrationBuilder.CreateIndex("IX_GepRPrices_ImportId", "GepRPrices", "ImportId");
        migrationBuilder.CreateIndex("IX_GepRPrices_PriceYear_Service_Item", "GepRPrices", ["PriceYear", "Service", "Item"], unique: true);
        migrationBuilder.CreateIndex("IX_TargetAchievements_RegionId", "TargetAchievements", "RegionId");
        migrationBuilder.CreateIndex("IX_TargetAchievements_TargetId_RegionId_Year", "TargetAchievements", ["TargetId", "RegionId", "Year"], unique: true);
        migrationBuilder.CreateIndex("IX_Notifications_OrganizationId_Key", "Notifications", ["OrganizationId", "Key"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in (string[])["Notifications", "TargetAchievements", "GepRPrices", "GepRQuantities", "EiSubIndexValues", "EiRecords", "IndicatorImports"])
        {
            migrationBuilder.DropTable(table);
        }
    }
}
