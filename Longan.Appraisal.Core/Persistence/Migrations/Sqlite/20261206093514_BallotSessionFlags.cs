using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BallotSessionFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BurstInterval",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BurstVotes",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "FlagsCheckedAt",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FlagsCheckedBy",
                table: "BallotSessions",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OneChoice",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PeakBurst",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RepeatedComments",
                table: "BallotSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BurstInterval",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "BurstVotes",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "FlagsCheckedAt",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "FlagsCheckedBy",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "OneChoice",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "PeakBurst",
                table: "BallotSessions");

            migrationBuilder.DropColumn(
                name: "RepeatedComments",
                table: "BallotSessions");
        }
    }
}
