using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>Files attached to progress reports: their names, checked types, sizes and content hashes (the bytes live in the attachment store).</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122040000_Attachments")]
public sealed class Attachments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReportAttachments",
            columns: table => new
            {
                Id = Initial.Identity(table),
                ReportId = table.Column<int>(nullable: false),
                VersionNumber = table.Column<int>(nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Length = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                UploadedById = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportAttachments", x => x.Id);
                table.ForeignKey("FK_ReportAttachments_ProgressReports_ReportId", x => x.ReportId, "ProgressReports", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ReportAttachments_ReportId", "ReportAttachments", "ReportId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("ReportAttachments");
}
