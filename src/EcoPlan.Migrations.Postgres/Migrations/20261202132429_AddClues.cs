using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcoPlan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddClues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClueBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DistrictRegionId = table.Column<int>(type: "integer", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VerifyBy = table.Column<DateOnly>(type: "date", nullable: true),
                    RectifyBy = table.Column<DateOnly>(type: "date", nullable: true),
                    MeasureId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClueBatches_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClueBatches_Regions_DistrictRegionId",
                        column: x => x.DistrictRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TownshipBoundaries",
                columns: table => new
                {
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Geometry = table.Column<byte[]>(type: "bytea", nullable: false),
                    SourceFile = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownshipBoundaries", x => x.RegionId);
                    table.ForeignKey(
                        name: "FK_TownshipBoundaries_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClueBatchUnits",
                columns: table => new
                {
                    BatchId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueBatchUnits", x => new { x.BatchId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_ClueBatchUnits_ClueBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ClueBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClueBatchUnits_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Clues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<int>(type: "integer", nullable: false),
                    DistrictRegionId = table.Column<int>(type: "integer", nullable: false),
                    TownshipRegionId = table.Column<int>(type: "integer", nullable: true),
                    Geometry = table.Column<byte[]>(type: "bytea", nullable: false),
                    IsPoint = table.Column<bool>(type: "boolean", nullable: false),
                    MinLongitude = table.Column<double>(type: "double precision", nullable: false),
                    MinLatitude = table.Column<double>(type: "double precision", nullable: false),
                    MaxLongitude = table.Column<double>(type: "double precision", nullable: false),
                    MaxLatitude = table.Column<double>(type: "double precision", nullable: false),
                    AreaSquareMeters = table.Column<double>(type: "double precision", nullable: false),
                    ActivityType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Zone = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovalKind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovalNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovalDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RectificationMeasures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RectifyBy = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicNoticeEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clues_ClueBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ClueBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Clues_Regions_DistrictRegionId",
                        column: x => x.DistrictRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Clues_Regions_TownshipRegionId",
                        column: x => x.TownshipRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClueCooperatingTownships",
                columns: table => new
                {
                    ClueId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueCooperatingTownships", x => new { x.ClueId, x.RegionId });
                    table.ForeignKey(
                        name: "FK_ClueCooperatingTownships_Clues_ClueId",
                        column: x => x.ClueId,
                        principalTable: "Clues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClueCooperatingTownships_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClueEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClueId = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ToState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ActorId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClueEvents_Clues_ClueId",
                        column: x => x.ClueId,
                        principalTable: "Clues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClueEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClueId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    PositionSource = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PositionAccuracyMeters = table.Column<double>(type: "double precision", nullable: true),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TakenAtOffsetMinutes = table.Column<int>(type: "integer", nullable: true),
                    DirectionDegrees = table.Column<double>(type: "double precision", nullable: true),
                    DistanceMeters = table.Column<double>(type: "double precision", nullable: true),
                    NoGpsReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedById = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClueEvidence_Clues_ClueId",
                        column: x => x.ClueId,
                        principalTable: "Clues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClueSourceIds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClueId = table.Column<int>(type: "integer", nullable: false),
                    BatchId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClueSourceIds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClueSourceIds_ClueBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ClueBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClueSourceIds_Clues_ClueId",
                        column: x => x.ClueId,
                        principalTable: "Clues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClueBatches_DistrictRegionId",
                table: "ClueBatches",
                column: "DistrictRegionId");

            migrationBuilder.CreateIndex(
                name: "IX_ClueBatches_MeasureId",
                table: "ClueBatches",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_ClueBatchUnits_OrganizationId",
                table: "ClueBatchUnits",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ClueCooperatingTownships_RegionId",
                table: "ClueCooperatingTownships",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_ClueEvents_ClueId_Sequence",
                table: "ClueEvents",
                columns: new[] { "ClueId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClueEvidence_ClueId",
                table: "ClueEvidence",
                column: "ClueId");

            migrationBuilder.CreateIndex(
                name: "IX_Clues_BatchId",
                table: "Clues",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Clues_DistrictRegionId_State",
                table: "Clues",
                columns: new[] { "DistrictRegionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Clues_MinLongitude_MinLatitude",
                table: "Clues",
                columns: new[] { "MinLongitude", "MinLatitude" });

            migrationBuilder.CreateIndex(
                name: "IX_Clues_TownshipRegionId_State",
                table: "Clues",
                columns: new[] { "TownshipRegionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ClueSourceIds_BatchId_Code",
                table: "ClueSourceIds",
                columns: new[] { "BatchId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClueSourceIds_ClueId",
                table: "ClueSourceIds",
                column: "ClueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClueBatchUnits");

            migrationBuilder.DropTable(
                name: "ClueCooperatingTownships");

            migrationBuilder.DropTable(
                name: "ClueEvents");

            migrationBuilder.DropTable(
                name: "ClueEvidence");

            migrationBuilder.DropTable(
                name: "ClueSourceIds");

            migrationBuilder.DropTable(
                name: "TownshipBoundaries");

            migrationBuilder.DropTable(
                name: "Clues");

            migrationBuilder.DropTable(
                name: "ClueBatches");
        }
    }
}
