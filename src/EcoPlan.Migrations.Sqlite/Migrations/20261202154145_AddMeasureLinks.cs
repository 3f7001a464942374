using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcoPlan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddMeasureLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeasureLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictMeasureId = table.Column<int>(type: "INTEGER", nullable: false),
                    CityMeasureId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureLinks_Measures_CityMeasureId",
                        column: x => x.CityMeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeasureLinks_Measures_DistrictMeasureId",
                        column: x => x.DistrictMeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureLinks_CityMeasureId",
                table: "MeasureLinks",
                column: "CityMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureLinks_DistrictMeasureId_CityMeasureId",
                table: "MeasureLinks",
                columns: new[] { "DistrictMeasureId", "CityMeasureId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeasureLinks");
        }
    }
}
