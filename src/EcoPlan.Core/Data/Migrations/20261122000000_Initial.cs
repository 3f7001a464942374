using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>
/// Regions, the unit directory, and plans down to measures, assignments and targets. Written by hand
/// and provider-neutral: column types are left to the provider, and each identity column carries both
/// providers' annotations. SchemaTests compares the result with the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Regions",
            columns: table => new
            {
                Id = Identity(table),
                Code = table.Column<string>(maxLength: 12, nullable: false),
                Name = table.Column<string>(maxLength: 64, nullable: false),
                Level = table.Column<string>(maxLength: 16, nullable: false),
                ParentId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Regions", x => x.Id);
                table.ForeignKey("FK_Regions_Regions_ParentId", x => x.ParentId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Organizations",
            columns: table => new
            {
                Id = Identity(table),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                RegionId = table.Column<int>(nullable: false),
                ParentId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Organizations", x => x.Id);
                table.ForeignKey("FK_Organizations_Organizations_ParentId", x => x.ParentId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Organizations_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "OrganizationAliases",
            columns: table => new
            {
                Id = Identity(table),
                OrganizationId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganizationAliases", x => x.Id);
                table.ForeignKey("FK_OrganizationAliases_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Leaders",
            columns: table => new
            {
                Id = Identity(table),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: true),
                OrganizationId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Leaders", x => x.Id);
                table.ForeignKey("FK_Leaders_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Plans",
            columns: table => new
            {
                Id = Identity(table),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                AttachmentLabel = table.Column<string>(maxLength: 50, nullable: true),
                Part = table.Column<string>(maxLength: 200, nullable: true),
                Year = table.Column<int>(nullable: false),
                Level = table.Column<string>(maxLength: 16, nullable: false),
                RegionId = table.Column<int>(nullable: false),
                LeadKind = table.Column<string>(maxLength: 16, nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SourceFileName = table.Column<string>(maxLength: 260, nullable: true),
                SourceFormat = table.Column<string>(maxLength: 10, nullable: true),
                SourceSha256 = table.Column<string>(maxLength: 64, nullable: true),
                SourceLength = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Plans", x => x.Id);
                table.ForeignKey("FK_Plans_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Sections",
            columns: table => new
            {
                Id = Identity(table),
                PlanId = table.Column<int>(nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                Code = table.Column<string>(maxLength: 10, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sections", x => x.Id);
                table.ForeignKey("FK_Sections_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PlanTasks",
            columns: table => new
            {
                Id = Identity(table),
                SectionId = table.Column<int>(nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: true),
                Name = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanTasks", x => x.Id);
                table.ForeignKey("FK_PlanTasks_Sections_SectionId", x => x.SectionId, "Sections", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Measures",
            columns: table => new
            {
                Id = Identity(table),
                TaskId = table.Column<int>(nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: true),
                Text = table.Column<string>(nullable: false),
                ColumnsCertain = table.Column<bool>(nullable: false),
                DeadlineRaw = table.Column<string>(maxLength: 100, nullable: false),
                DeadlineKind = table.Column<string>(maxLength: 16, nullable: false),
                DeadlineDate = table.Column<DateOnly>(nullable: true),
                DeadlineRecurrence = table.Column<string>(maxLength: 16, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Measures", x => x.Id);
                table.ForeignKey("FK_Measures_PlanTasks_TaskId", x => x.TaskId, "PlanTasks", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MeasureAssignments",
            columns: table => new
            {
                Id = Identity(table),
                MeasureId = table.Column<int>(nullable: false),
                Role = table.Column<string>(maxLength: 16, nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: true),
                LeaderId = table.Column<int>(nullable: true),
                PrintedName = table.Column<string>(maxLength: 100, nullable: false),
                Duty = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeasureAssignments", x => x.Id);
                table.CheckConstraint("CK_MeasureAssignments_OneAssignee", "(\"OrganizationId\" IS NULL) <> (\"LeaderId\" IS NULL)");
                table.ForeignKey("FK_MeasureAssignments_Leaders_LeaderId", x => x.LeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_MeasureAssignments_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeasureAssignments_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Targets",
            columns: table => new
            {
                Id = Identity(table),
                MeasureId = table.Column<int>(nullable: false),
                Metric = table.Column<string>(maxLength: 200, nullable: false),
                Unit = table.Column<string>(maxLength: 20, nullable: true),
                Comparator = table.Column<string>(maxLength: 20, nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                Baseline = table.Column<decimal>(precision: 18, scale: 4, nullable: true),
                Evidence = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Targets", x => x.Id);
                table.ForeignKey("FK_Targets_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TargetOwners",
            columns: table => new
            {
                TargetId = table.Column<int>(nullable: false),
                OrganizationId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TargetOwners", x => new { x.TargetId, x.OrganizationId });
                table.ForeignKey("FK_TargetOwners_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_TargetOwners_Targets_TargetId", x => x.TargetId, "Targets", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Regions_Code", "Regions", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Regions_ParentId", "Regions", "ParentId");
        migrationBuilder.CreateIndex("IX_Organizations_Name", "Organizations", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Organizations_ParentId", "Organizations", "ParentId");
        migrationBuilder.CreateIndex("IX_Organizations_RegionId", "Organizations", "RegionId");
        migrationBuilder.CreateIndex("IX_OrganizationAliases_Name", "OrganizationAliases", "Name");
        migrationBuilder.CreateIndex("IX_OrganizationAliases_OrganizationId_Name", "OrganizationAliases", ["OrganizationId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_Leaders_OrganizationId_Name", "Leaders", ["OrganizationId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_Plans_RegionId_Year", "Plans", ["RegionId", "Year"]);
        migrationBuilder.CreateIndex("IX_Sections_PlanId_Ordinal", "Sections", ["PlanId", "Ordinal"], unique: true);
        migrationBuilder.CreateIndex("IX_PlanTasks_SectionId_Ordinal", "PlanTasks", ["SectionId", "Ordinal"], unique: true);
        migrationBuilder.CreateIndex("IX_Measures_TaskId_Ordinal", "Measures", ["TaskId", "Ordinal"], unique: true);
        migrationBuilder.CreateIndex("IX_MeasureAssignments_LeaderId", "MeasureAssignments", "LeaderId");
        migrationBuilder.CreateIndex("IX_MeasureAssignments_MeasureId_Role_Ordinal", "MeasureAssignments", ["MeasureId", "Role", "Ordinal"], unique: true);
        migrationBuilder.CreateIndex("IX_MeasureAssignments_OrganizationId", "MeasureAssignments", "OrganizationId");
        migrationBuilder.CreateIndex("IX_Targets_MeasureId", "Targets", "MeasureId");
        migrationBuilder.CreateIndex("IX_TargetOwners_OrganizationId", "TargetOwners", "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in (string[])["TargetOwners", "Targets", "MeasureAssignments", "Measures", "PlanTasks", "Sections", "Plans", "Leaders", "OrganizationAliases", "Organizations", "Regions"])
        {
            migrationBuilder.DropTable(table);
        }
    }

    /// <summary>An integer key generated by the database, on either provider.</summary>
    internal static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
