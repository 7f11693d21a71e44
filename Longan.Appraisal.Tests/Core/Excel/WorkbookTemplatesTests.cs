using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

public sealed class WorkbookTemplatesTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public void BallotsTemplate_HasEverySheetWithExactHeadersTextCodesAndDropDowns()
    {
        using var workbook = new XLWorkbook(new MemoryStream(WorkbookTemplates.Ballots()));

        foreach (var spec in BallotWorkbook.Sheets)
        {
            var sheet = workbook.Worksheet(spec.Name);
            var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal(spec.Required.Concat(spec.Optional), headers);
            Assert.StartsWith("示例", sheet.Cell(2, 1).GetString());
            Assert.Equal("@", sheet.Cell(3, 1).Style.NumberFormat.Format);
            Assert.Equal(1, sheet.SheetView.SplitRow);
        }
        var cadres = workbook.Worksheet("党员干部评议");
        var validation = Assert.Single(cadres.DataValidations);
        Assert.Equal(XLAllowedValues.List, validation.AllowedValues);
        Assert.Equal(XLWorksheetVisibility.Hidden, workbook.Worksheet("选项").Visibility);
    }

    [Fact]
    public async Task BallotsTemplate_ImportedUntouched_OnlyTheExampleRows_SoNothingToImport()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            _county.Get<BallotImportService>().CheckAsync(_county.Natong, _county.CycleId, WorkbookTemplates.Ballots(), "评议数据.xlsx", false));

        Assert.Equal("文件中没有数据行。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void RosterTemplate_HasTheRosterSheetAndGenderDropDown()
    {
        using var workbook = new XLWorkbook(new MemoryStream(WorkbookTemplates.Roster()));

        var sheet = workbook.Worksheet(RosterImportService.SheetName);
        Assert.Equal(RosterImportService.Required.Concat(RosterImportService.Optional), sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Single(sheet.DataValidations);
    }
}
