using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Longan.Appraisal.Core.Persistence.Migrations.PostgreSql
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
                type: "character varying(400)",
                maxLength: 400,
                nullable: true,
                collation: "C");
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
