using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntriesEnteredBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EnteredBy",
                table: "VillagerTallies",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredBy",
                table: "SupervisionRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredBy",
                table: "PartyBallots",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredBy",
                table: "CadreBallots",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredBy",
                table: "AttendanceMonths",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Who entered what so far is in the entry log: the account that created each entry, or
            // that imported the workbook it came from.
            foreach (var (table, kind) in new[]
                     {
                         ("VillagerTallies", "VillagerTally"), ("PartyBallots", "PartyBallot"), ("CadreBallots", "CadreBallot"),
                         ("SupervisionRecords", "SupervisionRecord"), ("AttendanceMonths", "AttendanceMonth"),
                     })
            {
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET "EnteredBy" = COALESCE(
                        (SELECT c."ByUserId" FROM "EntryChanges" c WHERE c."EntryKind" = '{kind}' AND c."EntryId" = "{table}"."Id" AND c."Action" = 'Created' ORDER BY c."Id" LIMIT 1),
                        (SELECT c."ByUserId" FROM "EntryChanges" c WHERE c."EntryKind" = 'ImportBatch' AND c."EntryId" = "{table}"."ImportId" AND c."Action" = 'Created' ORDER BY c."Id" LIMIT 1));
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnteredBy",
                table: "VillagerTallies");

            migrationBuilder.DropColumn(
                name: "EnteredBy",
                table: "SupervisionRecords");

            migrationBuilder.DropColumn(
                name: "EnteredBy",
                table: "PartyBallots");

            migrationBuilder.DropColumn(
                name: "EnteredBy",
                table: "CadreBallots");

            migrationBuilder.DropColumn(
                name: "EnteredBy",
                table: "AttendanceMonths");
        }
    }
}
