using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcoPlan.Migrations.Postgres.Migrations
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
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    RulesJson = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<int>(type: "integer", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromMeasureId = table.Column<int>(type: "integer", nullable: false),
                    ToMeasureId = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<int>(type: "integer", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnteredById = table.Column<int>(type: "integer", nullable: true),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
