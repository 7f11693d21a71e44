using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CountyAveragesPerVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CountyAverages",
                table: "ResultVersions",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountyAverages",
                table: "ResultVersions");
        }
    }
}
