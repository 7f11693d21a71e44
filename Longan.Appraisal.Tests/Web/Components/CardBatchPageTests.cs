using Bunit;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Cards;
using Longan.Appraisal.Core.Features.Downloads;
using Microsoft.Extensions.DependencyInjection;
using Read = UglyToad.PdfPig.PdfDocument;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class CardBatchPageTests : PublishableCountyTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await County.ComputeAsync();
    }

    [Fact]
    public async Task Township_Generates_ProgressReachesTheEnd_TheFileIsItsOwnCards_OnlyForThatUser()
    {
        SignIn(County.Township);
        var own = (await County.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(County.Township, County.CycleId))!.Rows;
        var cut = Render<CardBatchPage>(p => p.Add(x => x.CycleId, County.CycleId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-generate]")));
        Assert.Empty(cut.FindAll("[data-testid=card-township]"));

        cut.Find("[data-testid=card-generate]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-download]")), TimeSpan.FromSeconds(30));
        Assert.Contains($"已生成 {own.Count} / {own.Count} 份", cut.Markup);
        var token = cut.Find("[data-testid=card-download]").GetAttribute("href")!.Split('/')[^1];
        var downloads = Services.GetRequiredService<PreparedFileService>();
        Assert.Null(await downloads.FindAsync(token, County.County.UserId));
        var file = (await downloads.FindAsync(token, County.Township.UserId))!;
        using var content = new MemoryStream();
        await using (var stored = downloads.OpenRead(file))
        {
            await stored.CopyToAsync(content);
        }
        using var pdf = Read.Open(content.ToArray());
        Assert.Equal(own.Count + 1, pdf.NumberOfPages);
        // A second click, or a download that broke off, gets the same file within the hour.
        Assert.Equal(file, await downloads.FindAsync(token, County.Township.UserId));
        Assert.Equal($"考核结果报告卡_{PublishableCounty.Year}_{own[0].Township}.pdf", file.FileName);
        ((FixedClock)Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(61));
        Assert.Null(await downloads.FindAsync(token, County.Township.UserId));
    }

    [Fact]
    public void County_ChoosesTheWholeCountyOrATownship()
    {
        SignIn(County.County);

        var cut = Render<CardBatchPage>(p => p.Add(x => x.CycleId, County.CycleId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=card-township]")));
    }
}
