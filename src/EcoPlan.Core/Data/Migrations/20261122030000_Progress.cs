using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>Progress reporting: each plan's reporting cycle, reports with their versions, quantities and cooperating input, and the audit trail.</summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122030000_Progress")]
public sealed class Progress : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("ReportingFrequency", "Plans", maxLength: 16, nullable: false, defaultValue: "Monthly");
        migrationBuilder.AddColumn<int>("ReportingDueDay", "Plans", nullable: false, defaultValue: 25);

        migrationBuilder.CreateTable(
            name: "ProgressReports",
            columns: table => new
            {
                Id = Initial.Identity(table),
                MeasureId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
                Period = table.Column<DateOnly>(nullable: false),
                State = table.Column<string>(maxLength: 16, nullable: false),
                Revision = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProgressReports", x => x.Id);
                table.ForeignKey("FK_ProgressReports_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProgressReports_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReportVersions",
            columns: table => new
            {
                Id = Initial.Identity(table),
                ReportId = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Percent = table.Column<int>(nullable: false),
                Narrative = table.Column<string>(maxLength: 4000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<int>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: true),
                SubmittedById = table.Column<int>(nullable: true),
                ReviewedAt = table.Column<DateTime>(nullable: true),
                ReviewedById = table.Column<int>(nullable: true),
                ReturnReason = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportVersions", x => x.Id);
                table.ForeignKey("FK_ReportVersions_ProgressReports_ReportId", x => x.ReportId, "ProgressReports", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ReportQuantities",
            columns: table => new
            {
                VersionId = table.Column<int>(nullable: false),
                TargetId = table.Column<int>(nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportQuantities", x => new { x.VersionId, x.TargetId });
                table.ForeignKey("FK_ReportQuantities_ReportVersions_VersionId", x => x.VersionId, "ReportVersions", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReportQuantities_Targets_TargetId", x => x.TargetId, "Targets", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CooperationInputs",
            columns: table => new
            {
                Id = Initial.Identity(table),
                ReportId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
                Text = table.Column<string>(maxLength: 2000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CooperationInputs", x => x.Id);
                table.ForeignKey("FK_CooperationInputs_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CooperationInputs_ProgressReports_ReportId", x => x.ReportId, "ProgressReports", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<DateTime>(nullable: false),
                UserId = table.Column<int>(nullable: true),
                UserName = table.Column<string>(maxLength: 256, nullable: false),
                Action = table.Column<string>(maxLength: 32, nullable: false),
                MeasureId = table.Column<int>(nullable: true),
                ReportId = table.Column<int>(nullable: true),
                Details = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex("IX_ProgressReports_MeasureId_OrganizationId_Period", "ProgressReports", ["MeasureId", "OrganizationId", "Period"], unique: true);
        migrationBuilder.CreateIndex("IX_ProgressReports_OrganizationId_Period", "ProgressReports", ["OrganizationId", "Period"]);
        migrationBuilder.CreateIndex("IX_ReportVersions_ReportId_Number", "ReportVersions", ["ReportId", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_ReportQuantities_TargetId", "ReportQuantities", "TargetId");
        migrationBuilder.CreateIndex("IX_CooperationInputs_OrganizationId", "CooperationInputs", "OrganizationId");
        migrationBuilder.CreateIndex("IX_CooperationInputs_ReportId", "CooperationInputs", "ReportId");
        migrationBuilder.CreateIndex("IX_AuditEntries_MeasureId_At", "AuditEntries", ["MeasureId", "At"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_ReportId", "AuditEntries", "ReportId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in (string[])["AuditEntries", "CooperationInputs", "ReportQuantities", "ReportVersions", "ProgressReports"])
        {
            migrationBuilder.DropTable(table);
        }

        migrationBuilder.DropColumn("ReportingDueDay", "Plans");
        migrationBuilder.DropColumn("ReportingFrequency", "Plans");
    }
}
