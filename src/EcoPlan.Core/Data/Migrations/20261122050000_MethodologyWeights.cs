using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>Weights files uploaded by admins for methodologies that ship without weights (db11-1877), with source, who and when.</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122050000_MethodologyWeights")]
public sealed class UploadedWeights : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MethodologyWeights",
            columns: table => new
            {
                Id = Initial.Identity(table),
                Methodology = table.Column<string>(maxLength: 20, nullable: false),
                Source = table.Column<string>(maxLength: 500, nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Content = table.Column<string>(nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 256, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MethodologyWeights", x => x.Id));
        migrationBuilder.CreateIndex("IX_MethodologyWeights_Methodology", "MethodologyWeights", "Methodology");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("MethodologyWeights");
}
