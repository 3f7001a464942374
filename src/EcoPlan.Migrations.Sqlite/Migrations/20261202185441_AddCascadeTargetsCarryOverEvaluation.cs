using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoPlan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCascadeTargetsCarryOverEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationRuleSets",
                columns: table => new
                {
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesJson = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuleSets", x => x.PlanId);
                    table.ForeignKey(
                        name: "FK_EvaluationRuleSets_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasureCarryOvers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromMeasureId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToMeasureId = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureCarryOvers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureCarryOvers_Measures_FromMeasureId",
                        column: x => x.FromMeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeasureCarryOvers_Measures_ToMeasureId",
                        column: x => x.ToMeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TargetAllocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EnteredById = table.Column<int>(type: "INTEGER", nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetAllocations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TargetAllocations_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureCarryOvers_FromMeasureId_ToMeasureId",
                table: "MeasureCarryOvers",
                columns: new[] { "FromMeasureId", "ToMeasureId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeasureCarryOvers_ToMeasureId",
                table: "MeasureCarryOvers",
                column: "ToMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetAllocations_RegionId",
                table: "TargetAllocations",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetAllocations_TargetId_RegionId",
                table: "TargetAllocations",
                columns: new[] { "TargetId", "RegionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationRuleSets");

            migrationBuilder.DropTable(
                name: "MeasureCarryOvers");

            migrationBuilder.DropTable(
                name: "TargetAllocations");
        }
    }
}
