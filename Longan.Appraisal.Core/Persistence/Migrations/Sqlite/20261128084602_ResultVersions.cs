using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResultVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ComputedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultVersions_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StoredResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipId = table.Column<int>(type: "INTEGER", nullable: false),
                    VillageId = table.Column<int>(type: "INTEGER", nullable: false),
                    VillagerVotes = table.Column<int>(type: "INTEGER", nullable: false),
                    VillagerScore = table.Column<decimal>(type: "TEXT", nullable: true),
                    SatisfactionRate = table.Column<decimal>(type: "TEXT", nullable: true),
                    DissatisfactionRate = table.Column<decimal>(type: "TEXT", nullable: true),
                    PartyBallots = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyScore = table.Column<decimal>(type: "TEXT", nullable: true),
                    CadreBallots = table.Column<int>(type: "INTEGER", nullable: false),
                    CadreScore = table.Column<decimal>(type: "TEXT", nullable: true),
                    Incomplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Base = table.Column<decimal>(type: "TEXT", nullable: true),
                    SupervisionAdjustment = table.Column<decimal>(type: "TEXT", nullable: false),
                    AttendanceDeduction = table.Column<decimal>(type: "TEXT", nullable: false),
                    Composite = table.Column<decimal>(type: "TEXT", nullable: true),
                    Grade = table.Column<int>(type: "INTEGER", nullable: true),
                    TiedBeyondQuota = table.Column<bool>(type: "INTEGER", nullable: false),
                    CountyRank = table.Column<int>(type: "INTEGER", nullable: true),
                    TownshipRank = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcomes = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredResults_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoredResults_ResultVersions_ResultVersionId",
                        column: x => x.ResultVersionId,
                        principalTable: "ResultVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResultVersions_CycleId_Number",
                table: "ResultVersions",
                columns: new[] { "CycleId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StoredResults_AssistantId",
                table: "StoredResults",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredResults_ResultVersionId_AssistantId",
                table: "StoredResults",
                columns: new[] { "ResultVersionId", "AssistantId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredResults");

            migrationBuilder.DropTable(
                name: "ResultVersions");
        }
    }
}
