using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AppealsOncePerVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_CycleId_AssistantId",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_CycleId_AssistantId_VersionNumber",
                table: "Appeals",
                columns: new[] { "CycleId", "AssistantId", "VersionNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_CycleId_AssistantId_VersionNumber",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_CycleId_AssistantId",
                table: "Appeals",
                columns: new[] { "CycleId", "AssistantId" });
        }
    }
}
