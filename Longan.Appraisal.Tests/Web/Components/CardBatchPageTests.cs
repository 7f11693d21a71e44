using Bunit;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Cards;
using Longan.Appraisal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Read = UglyToad.PdfPig.PdfDocument;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class CardBatchPageTests : BunitTestBase
{
    private readonly PublishableCounty _county = new();

    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await _county.AttachAsync(database);
        return database;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<PreparedDownloads>();
        await _county.ComputeAsync();
    }

    [Fact]
    public async Task Township_Generates_ProgressReachesTheEnd_TheFileIsItsOwnCards_OnlyForThatUser()
    {
        SignIn(_county.Township);
        var own = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(_county.Township, _county.CycleId))!.Rows;
        var cut = Render<CardBatchPage>(p => p.Add(x => x.CycleId, _county.CycleId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-generate]")));
        Assert.Empty(cut.FindAll("[data-testid=card-township]"));

        cut.Find("[data-testid=card-generate]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-download]")), TimeSpan.FromSeconds(30));
        Assert.Contains($"已生成 {own.Count} / {own.Count} 份", cut.Markup);
        var token = cut.Find("[data-testid=card-download]").GetAttribute("href")!.Split('/')[^1];
        var downloads = Services.GetRequiredService<PreparedDownloads>();
        Assert.Null(downloads.Find(token, _county.County.UserId));
        var file = downloads.Find(token, _county.Township.UserId)!;
        try
        {
            using var pdf = Read.Open(await File.ReadAllBytesAsync(file.Path));
            Assert.Equal(own.Count + 1, pdf.NumberOfPages);
            // A second click, or a download that broke off, gets the same file within the hour.
            Assert.Equal(file, downloads.Find(token, _county.Township.UserId));
            Assert.Equal($"考核结果报告卡_{PublishableCounty.Year}_{own[0].Township}.pdf", file.FileName);
            ((FixedClock)Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(61));
            Assert.Null(downloads.Find(token, _county.Township.UserId));
            Assert.False(File.Exists(file.Path));
        }
        finally
        {
            File.Delete(file.Path);
        }
    }

    [Fact]
    public void County_ChoosesTheWholeCountyOrATownship()
    {
        SignIn(_county.County);

        var cut = Render<CardBatchPage>(p => p.Add(x => x.CycleId, _county.CycleId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-township]")));
    }
}
