using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CollectedEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttendanceMonths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceMonths", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceMonths_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AttendanceMonths_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CadreBallots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Grade = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreBallots_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreBallots_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EntryChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByUserName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartyBallots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PolicyAdvocate = table.Column<decimal>(type: "TEXT", nullable: false),
                    PublicOpinion = table.Column<decimal>(type: "TEXT", nullable: false),
                    CivilAgent = table.Column<decimal>(type: "TEXT", nullable: false),
                    DisputeMediator = table.Column<decimal>(type: "TEXT", nullable: false),
                    PartyBuildingGuide = table.Column<decimal>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyBallots_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartyBallots_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SupervisorId = table.Column<int>(type: "INTEGER", nullable: true),
                    SupervisorName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Nature = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Verification = table.Column<int>(type: "INTEGER", nullable: false),
                    VerificationNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionRecords_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionRecords_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionRecords_Supervisors_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "Supervisors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VillagerTallies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Invalid = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillagerTallies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VillagerTallies_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VillagerTallies_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMonths_AssistantId",
                table: "AttendanceMonths",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMonths_CycleId_AssistantId",
                table: "AttendanceMonths",
                columns: new[] { "CycleId", "AssistantId" });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMonths_CycleId_AssistantId_Month",
                table: "AttendanceMonths",
                columns: new[] { "CycleId", "AssistantId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMonths_ImportId",
                table: "AttendanceMonths",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreBallots_AssistantId",
                table: "CadreBallots",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreBallots_CycleId_AssistantId",
                table: "CadreBallots",
                columns: new[] { "CycleId", "AssistantId" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreBallots_CycleId_AssistantId_TicketNo",
                table: "CadreBallots",
                columns: new[] { "CycleId", "AssistantId", "TicketNo" },
                unique: true,
                filter: "\"TicketNo\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CadreBallots_ImportId",
                table: "CadreBallots",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryChanges_CycleId_EntryKind_EntryId",
                table: "EntryChanges",
                columns: new[] { "CycleId", "EntryKind", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyBallots_AssistantId",
                table: "PartyBallots",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_PartyBallots_CycleId_AssistantId",
                table: "PartyBallots",
                columns: new[] { "CycleId", "AssistantId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyBallots_CycleId_AssistantId_TicketNo",
                table: "PartyBallots",
                columns: new[] { "CycleId", "AssistantId", "TicketNo" },
                unique: true,
                filter: "\"TicketNo\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PartyBallots_ImportId",
                table: "PartyBallots",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_AssistantId",
                table: "SupervisionRecords",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_CycleId_AssistantId",
                table: "SupervisionRecords",
                columns: new[] { "CycleId", "AssistantId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_CycleId_Verification",
                table: "SupervisionRecords",
                columns: new[] { "CycleId", "Verification" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_ImportId",
                table: "SupervisionRecords",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_SupervisorId",
                table: "SupervisionRecords",
                column: "SupervisorId");

            migrationBuilder.CreateIndex(
                name: "IX_VillagerTallies_AssistantId",
                table: "VillagerTallies",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_VillagerTallies_CycleId_AssistantId",
                table: "VillagerTallies",
                columns: new[] { "CycleId", "AssistantId" });

            migrationBuilder.CreateIndex(
                name: "IX_VillagerTallies_ImportId",
                table: "VillagerTallies",
                column: "ImportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceMonths");

            migrationBuilder.DropTable(
                name: "CadreBallots");

            migrationBuilder.DropTable(
                name: "EntryChanges");

            migrationBuilder.DropTable(
                name: "PartyBallots");

            migrationBuilder.DropTable(
                name: "SupervisionRecords");

            migrationBuilder.DropTable(
                name: "VillagerTallies");
        }
    }
}
