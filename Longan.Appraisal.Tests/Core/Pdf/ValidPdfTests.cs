using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Features.Ballots;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Pdf;

/// <summary>
/// Issue 14: every kind of PDF the portal writes is valid underneath — qpdf --check silent, poppler
/// renders it, every compressed stream a complete zlib stream. Cards are filed in cadre dossiers for
/// decades; viewers forgive a malformed stream, archive checkers and print servers need not.
/// </summary>
[Trait("Category", "BothProviders")]
public sealed class ValidPdfTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    private ReportCardService Cards => _county.Get<ReportCardService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.ComputeAsync();
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<byte[]> BatchAsync(int? township)
    {
        using var stream = new MemoryStream();
        await Cards.WriteBatchAsync(_county.County, _county.CycleId, township, null, stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task SingleCard_PassesQpdf_RendersWithPoppler_EveryStreamEnds()
    {
        var pdf = (await Cards.RenderFileAsync(_county.County, _county.CycleId, _county.Assistant.AssistantId!.Value)).Pdf;

        PdfChecks.AssertValid(pdf);
        Assert.True(pdf.Length <= 150 * 1024, $"{pdf.Length / 1024} KB");
    }

    [Fact]
    public async Task TownshipBatch_PassesQpdf_RendersWithPoppler_EveryStreamEnds()
    {
        var pdf = await BatchAsync(_county.Township.TownshipId);

        PdfChecks.AssertValid(pdf);
    }

    [Fact]
    public async Task CountyBatchOfSeveralTownships_PassesQpdf_RendersWithPoppler_EveryStreamEnds()
    {
        var rows = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!.Rows;
        Assert.True(rows.Select(r => r.TownshipId).Distinct().Count() > 1);

        var pdf = await BatchAsync(null);

        PdfChecks.AssertValid(pdf);
        Assert.True(pdf.Length <= (150 + (rows.Count - 1) * 15) * 1024, $"{pdf.Length / 1024} KB");
    }

    [Fact]
    public void BallotSlips_PassQpdf_RenderWithPoppler_EveryStreamEnds()
    {
        var sheet = new SlipSheet(BallotGroup.Cadres, "城厢镇党委会议室", new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), "https://khxt.longan.gov.cn", BallotCodes.Generate(25));
        using var stream = new MemoryStream();

        BallotSlips.Write(stream, sheet, DateTimeOffset.UtcNow);

        PdfChecks.AssertValid(stream.ToArray());
    }
}
