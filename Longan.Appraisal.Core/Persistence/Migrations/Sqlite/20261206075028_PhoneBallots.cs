using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PhoneBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BallotSessionId",
                table: "VillagerTallies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BallotSessionId",
                table: "CadreBallots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BallotSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipId = table.Column<int>(type: "INTEGER", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CodeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CountedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VoidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VoidReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WrongCodes = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotSessions_Cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "Cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BallotSessions_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TallyComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TallyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TallyComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TallyComments_VillagerTallies_TallyId",
                        column: x => x.TallyId,
                        principalTable: "VillagerTallies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Spent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotCodes_BallotSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "BallotSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotSessionAssistants",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotSessionAssistants", x => new { x.SessionId, x.AssistantId });
                    table.ForeignKey(
                        name: "FK_BallotSessionAssistants_Assistants_AssistantId",
                        column: x => x.AssistantId,
                        principalTable: "Assistants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BallotSessionAssistants_BallotSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "BallotSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PhoneBallots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Cast = table.Column<bool>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhoneBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhoneBallots_BallotSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "BallotSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VillagerTallies_BallotSessionId",
                table: "VillagerTallies",
                column: "BallotSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreBallots_BallotSessionId",
                table: "CadreBallots",
                column: "BallotSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_Hash",
                table: "BallotCodes",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotCodes_SessionId",
                table: "BallotCodes",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotSessionAssistants_AssistantId",
                table: "BallotSessionAssistants",
                column: "AssistantId");

            migrationBuilder.CreateIndex(
                name: "IX_BallotSessions_CycleId_TownshipId",
                table: "BallotSessions",
                columns: new[] { "CycleId", "TownshipId" });

            migrationBuilder.CreateIndex(
                name: "IX_BallotSessions_TownshipId",
                table: "BallotSessions",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_PhoneBallots_SessionId_Cast",
                table: "PhoneBallots",
                columns: new[] { "SessionId", "Cast" });

            migrationBuilder.CreateIndex(
                name: "IX_TallyComments_TallyId",
                table: "TallyComments",
                column: "TallyId");

            migrationBuilder.AddForeignKey(
                name: "FK_CadreBallots_BallotSessions_BallotSessionId",
                table: "CadreBallots",
                column: "BallotSessionId",
                principalTable: "BallotSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VillagerTallies_BallotSessions_BallotSessionId",
                table: "VillagerTallies",
                column: "BallotSessionId",
                principalTable: "BallotSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CadreBallots_BallotSessions_BallotSessionId",
                table: "CadreBallots");

            migrationBuilder.DropForeignKey(
                name: "FK_VillagerTallies_BallotSessions_BallotSessionId",
                table: "VillagerTallies");

            migrationBuilder.DropTable(
                name: "BallotCodes");

            migrationBuilder.DropTable(
                name: "BallotSessionAssistants");

            migrationBuilder.DropTable(
                name: "PhoneBallots");

            migrationBuilder.DropTable(
                name: "TallyComments");

            migrationBuilder.DropTable(
                name: "BallotSessions");

            migrationBuilder.DropIndex(
                name: "IX_VillagerTallies_BallotSessionId",
                table: "VillagerTallies");

            migrationBuilder.DropIndex(
                name: "IX_CadreBallots_BallotSessionId",
                table: "CadreBallots");

            migrationBuilder.DropColumn(
                name: "BallotSessionId",
                table: "VillagerTallies");

            migrationBuilder.DropColumn(
                name: "BallotSessionId",
                table: "CadreBallots");
        }
    }
}
